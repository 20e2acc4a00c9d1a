package dev.ripple.embedded;

/** Root of the exceptions thrown by the embedded services: a service could not be started or stopped. */
public class EmbeddedException extends RuntimeException {
    public EmbeddedException(String message) {
        super(message);
    }

    public EmbeddedException(String message, Throwable cause) {
        super(message, cause);
    }
}
