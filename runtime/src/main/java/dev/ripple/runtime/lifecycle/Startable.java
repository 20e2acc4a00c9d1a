package dev.ripple.runtime.lifecycle;

/** A part that is built first and started later, then closed; see {@link StartOrder}. */
public interface Startable extends AutoCloseable {

    /** Starts the part; may be called once. */
    void start() throws Exception;
}
