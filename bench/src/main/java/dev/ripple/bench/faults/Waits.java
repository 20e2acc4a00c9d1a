package dev.ripple.bench.faults;

import java.time.Clock;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * The harness's waits, in one place. What it waits on (a Kafka group's assignment, a read API's answer, a session's
 * next round trip) tells nobody when it changes, so a condition is polled; a fault held in place, or the time until
 * the next one, is a plain timed wait. The harness's own JVM runs them; the parts under test never do.
 */
final class Waits {
    private Waits() {}

    /** Something the harness can only ask about. */
    @FunctionalInterface
    interface Condition {
        boolean holds() throws InterruptedException;
    }

    /**
     * Calls {@code condition} every {@code interval}, at least once, until it holds or {@code timeout} has passed on
     * {@code clock}.
     *
     * @return whether it held
     */
    static boolean until(Condition condition, Duration interval, Duration timeout, Clock clock)
            throws InterruptedException {
        long deadline = clock.millis() + timeout.toMillis();
        while (true) {
            if (condition.holds()) {
                return true;
            }
            long left = deadline - clock.millis();
            if (left <= 0) {
                return false;
            }
            hold(Duration.ofMillis(Math.min(left, interval.toMillis())));
        }
    }

    /** Lets {@code length} pass (nothing to wait on but time). */
    static void hold(Duration length) throws InterruptedException {
        if (length.isNegative() || length.isZero()) {
            return;
        }
        try {
            new CompletableFuture<Void>().completeOnTimeout(null, length.toMillis(), TimeUnit.MILLISECONDS).get();
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        }
    }
}
