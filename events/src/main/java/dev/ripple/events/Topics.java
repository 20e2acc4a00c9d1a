package dev.ripple.events;

import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.locks.LockSupport;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.TopicPartition;

/**
 * Creates topics and waits until they can be written. A new topic's metadata names its leaders a little before
 * the leaders' logs take writes; a producer that writes in that window gets NOT_LEADER_OR_FOLLOWER, and an
 * idempotent producer's retry of its first batch can then be refused as OUT_OF_ORDER_SEQUENCE until its delivery
 * timeout. Listing every partition's end offset goes to the leader's log, so once that answers, writes are taken.
 */
public final class Topics {
    private static final long PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(20);

    private Topics() {}

    /**
     * Creates the topics of {@code names} that do not exist, with {@code partitions} partitions and the broker's
     * default replication, then waits until all of {@code names} can be written.
     *
     * @return the descriptions of all of {@code names}, e.g. to compare partition counts
     * @throws TimeoutException if they are not writable within {@code timeout}
     */
    public static Map<String, TopicDescription> createAndAwait(Admin admin, Collection<String> names,
            int partitions, Duration timeout) throws ExecutionException, InterruptedException, TimeoutException {
        return createAndAwait(admin, names, partitions, Map.of(), timeout);
    }

    /**
     * As {@link #createAndAwait(Admin, Collection, int, Duration)}, creating missing topics with {@code configs}
     * (e.g. {@code cleanup.policy=compact}); existing topics keep theirs.
     */
    public static Map<String, TopicDescription> createAndAwait(Admin admin, Collection<String> names,
            int partitions, Map<String, String> configs, Duration timeout)
            throws ExecutionException, InterruptedException, TimeoutException {
        long deadline = System.nanoTime() + timeout.toNanos();
        Set<String> existing = admin.listTopics().names().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        List<NewTopic> missing = names.stream().filter(n -> !existing.contains(n))
                .map(n -> new NewTopic(n, Optional.of(partitions), Optional.empty())
                        .configs(configs)).toList();
        if (!missing.isEmpty()) {
            try {
                admin.createTopics(missing).all().get(timeout.toMillis(), TimeUnit.MILLISECONDS);
            } catch (ExecutionException e) {
                if (!(e.getCause() instanceof org.apache.kafka.common.errors.TopicExistsException)) {
                    throw e;
                }
            }
        }
        return awaitWritable(admin, names, deadline);
    }

    /**
     * Waits until every topic of {@code names}, which exist, can be written.
     *
     * @return their descriptions
     * @throws TimeoutException if they are not writable within {@code timeout}
     */
    public static Map<String, TopicDescription> awaitWritable(Admin admin, Collection<String> names, Duration timeout)
            throws InterruptedException, TimeoutException, ExecutionException {
        return awaitWritable(admin, names, System.nanoTime() + timeout.toNanos());
    }

    private static Map<String, TopicDescription> awaitWritable(Admin admin, Collection<String> names,
            long deadlineNanos) throws InterruptedException, TimeoutException, ExecutionException {
        ExecutionException last = null;
        while (System.nanoTime() < deadlineNanos) {
            try {
                Map<String, TopicDescription> described = admin.describeTopics(names).allTopicNames()
                        .get(remainingMillis(deadlineNanos), TimeUnit.MILLISECONDS);
                Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
                described.values().forEach(d -> d.partitions().forEach(
                        p -> latest.put(new TopicPartition(d.name(), p.partition()), OffsetSpec.latest())));
                admin.listOffsets(latest).all().get(remainingMillis(deadlineNanos), TimeUnit.MILLISECONDS);
                return described;
            } catch (ExecutionException e) {
                last = e;
            }
            LockSupport.parkNanos(PAUSE_NANOS);
            if (Thread.interrupted()) {
                throw new InterruptedException();
            }
        }
        throw new TimeoutException("Topics " + names + " were not writable in time"
                + (last != null ? ": " + last.getCause() : ""));
    }

    private static long remainingMillis(long deadlineNanos) {
        return Math.max(1, TimeUnit.NANOSECONDS.toMillis(deadlineNanos - System.nanoTime()));
    }
}
