package dev.ripple.runtime.consume;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.slf4j.MDC;

/**
 * The thread a {@link ConsumeLoop} runs on: sets the MDC keys for every log line of the loop, reports a failure
 * (anything thrown, an {@link Error} too: a loop that is gone must not read as running), and closes what the loop
 * used, in reverse order, when it ends.
 */
public final class LoopThread {
    private static final Logger log = LoggerFactory.getLogger(LoopThread.class);

    private final ConsumeLoop<?, ?> loop;
    private final Thread thread;

    private LoopThread(ConsumeLoop<?, ?> loop, Thread thread) {
        this.loop = loop;
        this.thread = thread;
    }

    /**
     * Starts {@code loop} with {@code step} on a new thread.
     *
     * @param name the thread's name
     * @param mdc MDC entries set on the thread
     * @param daemon whether the thread is a daemon
     * @param onFailure told what the loop threw, on the loop thread, before anything is closed
     * @param closeAtEnd closed in reverse order when the loop ends, however it ends
     */
    public static <V, P> LoopThread start(String name, Map<String, String> mdc, boolean daemon,
            ConsumeLoop<V, P> loop, LoopStep<V, P> step, Consumer<Throwable> onFailure,
            List<? extends AutoCloseable> closeAtEnd) {
        Objects.requireNonNull(step, "step");
        Objects.requireNonNull(onFailure, "onFailure");
        List<? extends AutoCloseable> toClose = List.copyOf(closeAtEnd);
        Thread thread = new Thread(() -> {
            mdc.forEach(MDC::put);
            try {
                loop.run(step);
            } catch (Throwable e) {
                onFailure.accept(e);
            } finally {
                for (int i = toClose.size() - 1; i >= 0; i--) {
                    try {
                        toClose.get(i).close();
                    } catch (Exception e) {
                        log.debug("Closing {} after the loop of {} failed: {}", toClose.get(i), name, e.toString());
                    }
                }
                mdc.keySet().forEach(MDC::remove);
            }
        }, name);
        thread.setDaemon(daemon);
        thread.start();
        return new LoopThread(loop, thread);
    }

    /** Whether the loop's thread is still running. */
    public boolean isAlive() {
        return thread.isAlive();
    }

    /** Asks the loop to stop and waits up to {@code wait} for its thread (not when called on that thread). */
    public void stop(Duration wait) {
        loop.stop();
        if (Thread.currentThread() != thread) {
            try {
                thread.join(wait.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
    }
}
