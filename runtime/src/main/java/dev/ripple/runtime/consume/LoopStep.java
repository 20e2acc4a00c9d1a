package dev.ripple.runtime.consume;

import java.util.Collection;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;

/**
 * The part-specific work of a {@link ConsumeLoop}: what a record means and when its work is done. Every method is
 * called on the loop thread. Work done elsewhere comes back through {@link ConsumeLoop#handBack}, and a record is
 * marked done with {@link ConsumeLoop#complete}; the loop commits a partition only up to its first record not done.
 * Only {@link #accept} is required; the other methods do nothing by default.
 *
 * @param <V> the record value type
 * @param <P> what the step remembers with a record's offset until it is committed ({@link #passed}); may be
 *     {@link Void}
 */
public interface LoopStep<V, P> {
    /**
     * Partitions were assigned.
     *
     * @param committed per assigned partition, the metadata of its committed offset; null where none
     * @param topicPartitions how many partitions the topic has; 0 when the broker asked does not know the topic: it
     *     does not exist yet (the assignment is then empty, and another follows once it exists), or was just created
     * @throws RuntimeException to stop the loop (it fails from {@link ConsumeLoop#run})
     */
    default void assigned(Map<Integer, String> committed, int topicPartitions) {}

    /** A record was polled; returns what to remember with its offset (null for nothing). */
    P accept(ConsumerRecord<String, V> record);

    /** Once per round, before the pause decisions, the commit and the poll: start what is ready, publish. */
    default void round(long nowMs) {}

    /**
     * When this step next has a duty in {@link #round} that no record and no handed-back work brings about (a
     * position to publish once its interval has passed, a periodic check), in the clock's milliseconds;
     * {@link Long#MAX_VALUE} for none. While no record is pending, no partition paused and no offset left to commit,
     * the loop's poll waits until then (at least its poll timeout, at most {@link ConsumeLoop#IDLE_POLL_MAX}) instead
     * of waking every poll timeout. The default, {@code nowMs}, keeps the poll timeout.
     */
    default long nextDutyMs(long nowMs) {
        return nowMs;
    }

    /** Whether work of these partitions is still in flight; draining waits while it is. */
    default boolean busy(Collection<Integer> partitions) {
        return false;
    }

    /** These partitions are gone (revoked after their commit, or lost): drop what is kept for them. */
    default void forget(Collection<Integer> partitions) {}

    /** After the last commit, when the loop stops: publish and flush what is left. */
    default void closing() {}

    /** A record of {@code partition} passed into the committed prefix, with what {@link #accept} returned. */
    default void passed(int partition, P payload) {}

    /** Whether every partition should pause now; {@code pending} records are read and not committable yet. */
    default boolean holdAll(int pending) {
        return false;
    }

    /** Whether this partition should pause now. */
    default boolean wantsPause(int partition, long nowMs) {
        return false;
    }

    /** The loop has just paused {@code partition}. */
    default void paused(int partition) {}

    /** The pause decisions of this round are made: {@code pausedPartitions} are paused now (for a gauge). */
    default void pausesMade(int pausedPartitions) {}

    /** The metadata to commit with the offset of {@code partition}. */
    default String metadata(int partition) {
        return "";
    }
}
