package dev.ripple.cli.wiring;

import dev.ripple.cli.CliException;
import dev.ripple.runtime.lifecycle.ShutdownHook;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;

/**
 * How every long-running command runs its {@link PartGroup}: start it, announce it, then wait for Ctrl-C or
 * SIGTERM (one shutdown hook) or {@link #stop()}, and close everything in reverse start order once. A part that
 * becomes {@link Part#fatal() fatal} stops the process with its message.
 *
 * <pre>
 * run() ──startup──▶ RUNNING ──SIGTERM / stop() / a fatal part──▶ STOPPED
 *           └──(startup fails: what started is closed)──▶ CliException
 * </pre>
 *
 * <p>Thread-safe: {@link #stop()} may be called from any thread, any number of times.
 */
public final class Lifetime {
    private final String name;
    private final PrintWriter out;
    private final PartGroup group = new PartGroup();
    private final CountDownLatch stopped = new CountDownLatch(1);
    private final AtomicBoolean stopping = new AtomicBoolean();
    private volatile String stoppedLine;
    private List<StartupWait.Dependency> dependencies = List.of();
    private Duration startupTimeout = Duration.ZERO;

    /**
     * @param name the command, as its messages start ({@code ripple purger})
     * @param out where the startup and stop lines go
     */
    public Lifetime(String name, PrintWriter out) {
        this.name = Objects.requireNonNull(name, "name");
        this.out = Objects.requireNonNull(out, "out");
    }

    /**
     * Makes {@link #run} wait first until {@code dependencies} answer, retrying with backoff for up to
     * {@code timeout} ({@link StartupWait}).
     *
     * @return this
     */
    public Lifetime waitingFor(List<StartupWait.Dependency> dependencies, Duration timeout) {
        this.dependencies = List.copyOf(dependencies);
        this.startupTimeout = Objects.requireNonNull(timeout, "timeout");
        return this;
    }

    /**
     * Starts the process with {@code startup}, which adds its parts to the group and returns the line that says
     * it runs; prints that line and waits until the process is stopped.
     *
     * @param stoppedLine printed once everything is closed
     * @return 0 once stopped by SIGTERM or {@link #stop()}
     * @throws CliException if {@code startup} fails (saying why, after closing what it started), or a part becomes
     *     fatal (with its message, after closing everything)
     * @throws InterruptedException if interrupted while waiting (nothing is closed then: the hook still will be)
     */
    public int run(Function<PartGroup, String> startup, String stoppedLine) throws InterruptedException {
        this.stoppedLine = stoppedLine;
        try (ShutdownHook hook = ShutdownHook.install(name.replace(' ', '-'), this::stop)) {
            String ready;
            StartupWait.of(name, out, startupTimeout).await(dependencies);
            try {
                ready = startup.apply(group);
            } catch (RuntimeException e) {
                group.close();
                throw e instanceof CliException cli ? cli
                        : new CliException(name + " could not start: " + describe(e), 1, e);
            }
            out.println(ready);
            out.flush();
            while (!stopped.await(1, TimeUnit.SECONDS)) {
                Optional<String> fatal = group.fatal();
                if (fatal.isPresent()) {
                    stop();
                    throw new CliException(fatal.get());
                }
            }
            return 0;
        }
    }

    /** Closes every part in reverse start order, as Ctrl-C does, and ends {@link #run}. Idempotent. */
    public void stop() {
        if (stopping.compareAndSet(false, true)) {
            out.println(name + ": stopping…");
            out.flush();
            group.close();
            if (stoppedLine != null) {
                out.println(stoppedLine);
                out.flush();
            }
            stopped.countDown();
        }
    }

    /** The message of {@code e}, and of its root cause where that says more. */
    static String describe(Throwable e) {
        String message = e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
        Throwable root = e;
        while (root.getCause() != null && root.getCause() != root) {
            root = root.getCause();
        }
        if (root != e && root.getMessage() != null && !message.contains(root.getMessage())) {
            message += " (cause: " + root.getMessage() + ")";
        }
        return message;
    }
}
