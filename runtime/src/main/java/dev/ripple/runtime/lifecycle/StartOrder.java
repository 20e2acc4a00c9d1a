package dev.ripple.runtime.lifecycle;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Objects;

/**
 * Parts started (or opened) one after another and closed in reverse order, each even if closing another
 * fails. A part whose {@code start()} fails is closed too, then everything before it, and the start failure is
 * thrown with the close failures suppressed in it. Not thread-safe: one thread starts, any one thread closes.
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
     * @throws RuntimeException what its {@code start()} threw (a checked exception wrapped in a {@link
     *     LifecycleException}), once the part and every part before it are closed; their close failures are
     *     suppressed in it
     */
    public <T extends Startable> T start(T part) {
        open(part);
        try {
            part.start();
            return part;
        } catch (RuntimeException | Error e) {
            abort(e);
            throw e;
        } catch (Exception e) {
            LifecycleException failure = new LifecycleException(name + " could not start " + part, e);
            abort(failure);
            throw failure;
        }
    }

    /**
     * Closes every part in reverse order after {@code failure} (a start that failed between parts), adding their
     * close failures to it as suppressed; the caller then throws it.
     */
    public void abort(Throwable failure) {
        closeAll(Objects.requireNonNull(failure, "failure"));
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
