package dev.ripple.events;

/** Root of the exceptions of the event contract. */
public class EventsException extends RuntimeException {
    public EventsException(String message) {
        super(message);
    }

    public EventsException(String message, Throwable cause) {
        super(message, cause);
    }
}
