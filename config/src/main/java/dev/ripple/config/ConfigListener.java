package dev.ripple.config;

/** Told when a {@link ConfigView}'s snapshot changes. */
@FunctionalInterface
public interface ConfigListener {
    /**
     * Called on the store's watch thread, in order, never concurrently, after the documents in force changed
     * (not for the initial snapshot: read {@link ConfigView#snapshot()} after adding the listener). Keep it quick.
     */
    void onChange(ConfigSnapshot previous, ConfigSnapshot current);
}
