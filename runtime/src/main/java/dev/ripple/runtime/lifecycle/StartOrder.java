package dev.ripple.runtime.lifecycle;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Parts started (or opened) one after another and closed in reverse order, each even if closing another
 * fails. A part whose {@code start()} fails is closed too, then everything before it, and the start failure is
 * thrown with the close failures suppressed. Not thread-safe: one thread starts, any one thread closes.
 *
 * <pre>{@code
 * try (StartOrder parts = new StartOrder("ripple up")) {
 *     Broker broker = parts.open(Broker.start());
 *     parts.start(ReplicaApplier.create(...));
 *     ...
 * }
 * }</pre>
 */
public final class StartOrder implements AutoCloseable {
    private final String name;
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();

    /** @param name what the parts make up, for messages */
    public StartOrder(String name) {
        this.name = Objects.requireNonNull(name, "name");
    }

    /** Registers a part that is already running (opened by its constructor or factory); returns it. */
    public <T extends AutoCloseable> T open(T part) {
        opened.push(Objects.requireNonNull(part, "part"));
        return part;
    }

    /**
     * Starts {@code part} and registers it; returns it.
     *
     * @throws LifecycleException if it fails to start; the part and every part before it are then closed
     */
    public <T extends Startable> T start(T part) {
        open(part);
        try {
            part.start();
            return part;
        } catch (Exception | Error e) {
            LifecycleException failure = new LifecycleException(name + " could not start " + part
                    + "; closed what had started", e);
            closeAll(failure);
            throw failure;
        }
    }

    /**
     * Closes every part in reverse order, each even if closing another fails.
     *
     * @throws LifecycleException if any failed to close, with each failure suppressed in it
     */
    @Override
    public void close() {
        LifecycleException failure = new LifecycleException(name + " did not close cleanly", null);
        closeAll(failure);
        if (failure.getSuppressed().length > 0) {
            throw failure;
        }
    }

    private void closeAll(Throwable into) {
        while (!opened.isEmpty()) {
            AutoCloseable part = opened.pop();
            try {
                part.close();
            } catch (Exception | Error e) {
                into.addSuppressed(e);
            }
        }
    }
}
