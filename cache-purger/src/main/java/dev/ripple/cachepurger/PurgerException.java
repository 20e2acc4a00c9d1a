package dev.ripple.cachepurger;

/** Root of the cache purger's exceptions. */
public class PurgerException extends RuntimeException {
    public PurgerException(String message) {
        super(message);
    }

    public PurgerException(String message, Throwable cause) {
        super(message, cause);
    }
}
