package dev.ripple.config;

/** A {@code create} found its key already present. Not retried: the transaction function decided on stale hopes. */
public final class KeyExistsException extends ConfigException {
    private final String key;

    public KeyExistsException(String key) {
        super("Cannot create " + key + ": the key already exists. Update it instead, or delete it first.");
        this.key = key;
    }

    /** The key that exists. */
    public String key() {
        return key;
    }
}
