package dev.ripple.config;

/** A running watch. Thread-safe. */
public interface ConfigWatch extends AutoCloseable {
    /** The revision the watch would resume from: one past the last change delivered (or its start revision). */
    long nextRevision();

    /** Whether the watch has ended: closed, or its history compacted away. */
    boolean isClosed();

    /** Stops the watch; no listener call starts after this returns on the delivery thread. Idempotent. */
    @Override
    void close();
}
