package dev.ripple.embedded.internal;

import java.time.Duration;
import java.util.concurrent.Callable;

/**
 * Waits for an external service to become ready. There is no event to wait on here (a child process or a broker
 * reports readiness only when asked), so this polls with a short pause, bounded by a deadline.
 */
public final class Poll {
    private static final Duration PAUSE = Duration.ofMillis(25);

    private Poll() {}

    /**
     * Calls {@code probe} until it returns true, throws, or {@code timeout} passes.
     *
     * @return null when ready; otherwise the last failure, or a description of why the wait ended
     */
    public static Throwable until(Duration timeout, Callable<Boolean> probe) {
        long deadline = System.nanoTime() + timeout.toNanos();
        Throwable last = null;
        while (true) {
            try {
                if (Boolean.TRUE.equals(probe.call())) {
                    return null;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return e;
            } catch (Exception e) {
                last = e;
            }
            if (System.nanoTime() > deadline) {
                return last != null ? last : new IllegalStateException("not ready after " + timeout);
            }
            try {
                Thread.sleep(PAUSE.toMillis());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return e;
            }
        }
    }
}
