package dev.ripple.bench.scenarios;

import dev.ripple.bench.CpuMeter;
import dev.ripple.bench.Progress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/**
 * Waits of the Streams scenarios: until an application runs, then until its group has committed every event, timing
 * the steady state between its first commit and its last.
 */
final class StreamsRounds {
    private static final long POLL_MILLIS = 20;

    private StreamsRounds() {}

    /**
     * The steady-state part of a round: from the application's first commit to the commit of its last event.
     * Start-up (group join, producer fencing, the first transaction) is left out, as it happens once per process.
     *
     * @param events events committed within the window (those of the first commit are before it)
     * @param elapsed the window's length
     * @param cpu CPU spent within the window
     */
    record Window(long events, Duration elapsed, CpuMeter.Split cpu) {}

    /**
     * Waits until {@code running}, then until group {@code applicationId} has committed {@code events} offsets,
     * advancing {@code progress} as it does.
     *
     * @return the window from the first commit to the last; from running to the last commit when the first commit
     *     already held every event
     * @throws IllegalStateException if it does not run within a minute or does not finish within ten
     */
    static Window consume(String bootstrap, String applicationId, long events, BooleanSupplier running,
            Progress progress) throws InterruptedException {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            waitFor(running, Duration.ofMinutes(1), applicationId + " to run");
            long runningAt = System.nanoTime();
            CpuMeter sinceRunning = CpuMeter.start();
            var seen = new Object() {
                long reported;
                long firstDone;
                long firstAt;
                CpuMeter sinceFirst;
            };
            waitFor(() -> {
                long done = committed(admin, applicationId);
                if (done > 0 && seen.sinceFirst == null) {
                    seen.firstDone = done;
                    seen.firstAt = System.nanoTime();
                    seen.sinceFirst = CpuMeter.start();
                }
                progress.advance(Math.max(0, done - seen.reported));
                seen.reported = Math.max(seen.reported, done);
                return done >= events;
            }, Duration.ofMinutes(10), applicationId + " to consume " + events + " events");
            long end = System.nanoTime();
            if (seen.firstDone >= events) {
                // one commit held every event (a small round): no steady state to time, so the whole run counts
                return new Window(events, Duration.ofNanos(end - runningAt), sinceRunning.stop());
            }
            return new Window(events - seen.firstDone, Duration.ofNanos(end - seen.firstAt), seen.sinceFirst.stop());
        }
    }

    private static long committed(Admin admin, String group) {
        try {
            return admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get().values().stream()
                    .filter(Objects::nonNull).mapToLong(OffsetAndMetadata::offset).sum();
        } catch (Exception e) {
            return 0; // the group does not exist until its first commit
        }
    }

    private static void waitFor(BooleanSupplier condition, Duration timeout, String what)
            throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new IllegalStateException("Gave up waiting for " + what + " after " + timeout);
            }
            TimeUnit.MILLISECONDS.sleep(POLL_MILLIS); // polls the broker; nothing to be notified by
        }
    }
}
