package dev.ripple.ops.bench.scenarios;

import dev.ripple.ops.bench.Progress;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;

/** Waits of the Streams scenarios: until an application runs, until its group has committed every event. */
final class StreamsRounds {
    private static final long POLL_MILLIS = 20;

    private StreamsRounds() {}

    /**
     * Waits until {@code running}, then until group {@code applicationId} has committed {@code events} offsets,
     * advancing {@code progress} as it does.
     *
     * @return the time from running to all committed
     * @throws IllegalStateException if it does not run within a minute or does not finish within ten
     */
    static Duration timeToConsume(String bootstrap, String applicationId, long events, BooleanSupplier running,
            Progress progress) throws InterruptedException {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            waitFor(running, Duration.ofMinutes(1), applicationId + " to run");
            long start = System.nanoTime();
            long[] reported = {0};
            waitFor(() -> {
                long done = committed(admin, applicationId);
                progress.advance(Math.max(0, done - reported[0]));
                reported[0] = Math.max(reported[0], done);
                return done >= events;
            }, Duration.ofMinutes(10), applicationId + " to consume " + events + " events");
            return Duration.ofNanos(System.nanoTime() - start);
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
