package dev.ripple.bench.scenarios;

import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;

/** Waits and threads of the consumer scenarios. */
final class GroupWait {
    private static final Duration TIMEOUT = Duration.ofMinutes(1);

    private GroupWait() {}

    /**
     * Waits until the members of consumer group {@code group} hold {@code partitions} partitions between them, so
     * that records produced from now on are timed from their production, not from a group join.
     *
     * @throws IllegalStateException if that does not happen within a minute
     */
    static void untilAssigned(String bootstrap, String group, int partitions) throws Exception {
        long deadline = System.nanoTime() + TIMEOUT.toNanos();
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            while (assigned(admin, group) < partitions) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Group " + group + " was not assigned " + partitions
                            + " partitions within " + TIMEOUT);
                }
                TimeUnit.MILLISECONDS.sleep(20); // polls the broker; nothing to be notified by
            }
        }
    }

    private static int assigned(Admin admin, String group) {
        try {
            ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).describedGroups()
                    .get(group).get();
            return description.members().stream().mapToInt(m -> m.assignment().topicPartitions().size()).sum();
        } catch (Exception e) {
            return 0; // the group does not exist until its first member joins
        }
    }

    /** Runs {@code work} on a daemon thread of its own (not the common pool, which has one thread on 2 cores). */
    static CompletableFuture<Void> thread(String name, Runnable work) {
        CompletableFuture<Void> done = new CompletableFuture<>();
        Thread thread = new Thread(() -> {
            try {
                work.run();
                done.complete(null);
            } catch (Throwable e) {
                done.completeExceptionally(e);
            }
        }, name);
        thread.setDaemon(true);
        thread.start();
        return done;
    }
}
