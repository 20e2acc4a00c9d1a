package dev.ripple.config;

/** An {@code update} (or a conditional write) found its key absent, or deleted since it was read. */
public final class KeyVanishedException extends ConfigException {
    private final String key;

    public KeyVanishedException(String key) {
        super("Cannot update " + key + ": the key does not exist (it may have been deleted). Create it instead.");
        this.key = key;
    }

    /** The key that is missing. */
    public String key() {
        return key;
    }
}
