package dev.ripple.runtime.lifecycle;

import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one JVM shutdown hook of a process: closes what it is given on SIGTERM or SIGINT, logging (not throwing) a
 * failure. Closing the returned handle removes the hook, for a process that shuts down by itself.
 */
public final class ShutdownHook implements AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ShutdownHook.class);
    private final Thread thread;

    private ShutdownHook(Thread thread) {
        this.thread = thread;
    }

    /**
     * Installs a hook that closes {@code target} when the JVM shuts down.
     *
     * @param name the process, for the thread name and the log ("ripple-replica")
     */
    public static ShutdownHook install(String name, AutoCloseable target) {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(target, "target");
        Thread thread = new Thread(() -> {
            LOG.info("Shutting down {}", name);
            try {
                target.close();
            } catch (Exception | Error e) {
                LOG.error("{} did not close cleanly", name, e);
            }
        }, name + "-shutdown");
        Runtime.getRuntime().addShutdownHook(thread);
        return new ShutdownHook(thread);
    }

    /** Removes the hook unless the JVM is already shutting down (then it runs anyway). */
    @Override
    public void close() {
        try {
            Runtime.getRuntime().removeShutdownHook(thread);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to: nothing to remove
        }
    }
}
