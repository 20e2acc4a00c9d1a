package dev.ripple.config;

/**
 * The store could not be reached or did not answer in time, or the store was closed. A write that failed this way
 * may or may not have been applied: read before retrying it.
 */
public final class StoreUnavailableException extends ConfigException {
    public StoreUnavailableException(String message, Throwable cause) {
        super(message, cause);
    }
}
