package dev.ripple.replica;

import dev.ripple.consistency.Position;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.events.RegionRecord;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.replica.internal.RedisReplicaStore;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletionStage;

/**
 * One region's replica: objects by key and the applied position, kept per source partition (DESIGN.md 7).
 *
 * <p>{@link #apply} is atomic per call and idempotent: a record older than what the store holds (by dot, and by
 * revision when both have one) changes nothing; a delete leaves a tombstone holding its dot, so an older upsert
 * cannot bring the key back; the partition's position moves in the same atomic step as the values. Replays,
 * retries and restarts therefore never regress a value or a position.
 *
 * <p>Thread-safe; every method is asynchronous. Stages fail with {@link ReplicaStoreException}.
 */
public interface ReplicaStore extends AutoCloseable {

    /** A store on Redis (standalone, or a cluster: all keys of one region partition share a hash slot). */
    static ReplicaStore redis(String region, RedisStoreConfig config) {
        return RedisReplicaStore.open(region, config);
    }

    /** The region this store holds. */
    String region();

    /**
     * Applies records of one source partition, in order, atomically: values, tombstones and the position.
     *
     * <p>Writes are fenced by the partition's <b>generation</b> (DESIGN.md 7.1): once this handle has written to a
     * partition (or was told its generation with {@link #claim}), an apply whose position hash is gone or of another
     * generation fails with {@link StoreLostException}, so a store that lost its data is never silently refilled
     * with positions that claim what it no longer holds. The first apply to a partition this handle knows nothing of
     * creates it (or adopts what it holds).
     *
     * @param records replication records and watermarks, all of one source partition, in partition order; not empty
     * @return per record, in order, what happened to it
     * @throws IllegalArgumentException if the records are empty or of several partitions
     */
    CompletionStage<List<AppliedEntry>> apply(List<RegionRecord> records);

    /**
     * From now on, applies to {@code partition} expect {@code generation}, and a hash that still holds at least
     * {@code holds} (as read with {@link #position}): one behind it, or behind what this handle applies from now on,
     * lost data.
     */
    void claim(int partition, String generation, Position holds);

    /** The generation this handle writes to on {@code partition}, if it has written there or claimed one. */
    Optional<String> generation(int partition);

    /**
     * Starts (or resumes) rebuilding {@code partition} as {@code generation}: its position is forgotten, the
     * partition refuses live applies and reads until {@link #endRebuild}; values already there stay and are
     * version-gated as usual. Resuming the rebuild already running keeps its cursor.
     *
     * @param claim the position the lost data had claimed, reached again when the rebuild ends
     */
    CompletionStage<Void> beginRebuild(int partition, String generation, Map<TopicPartitionKey, Long> claim);

    /**
     * Applies rebuilt records (the latest state of keys) to a partition being rebuilt, version-gated, with the
     * rebuild's cursor in the same atomic step.
     *
     * @param cursor per latest-state {@code topic:partition}, the next offset to read when resuming
     * @throws StoreLostException (in the stage) if another rebuild took the partition over
     */
    CompletionStage<List<AppliedEntry>> rebuild(int partition, String generation, List<ReplicationRecord> records,
            Map<String, Long> cursor);

    /**
     * Ends a rebuild: every entry of the position rises to what the rebuild covered and to the lost claim, and the
     * partition serves again.
     *
     * @param covered per source {@code topic:partition}, the newest source offset the rebuild read
     * @param restoresClaim false when the source could not restore what the lost data held (no latest state): the
     *     position then claims only what the rebuild covered
     * @return the position the partition now holds
     */
    CompletionStage<StoredPosition> endRebuild(int partition, String generation, Map<TopicPartitionKey, Long> covered,
            boolean restoresClaim);

    /**
     * Reads one object and its partition's position in one atomic step, so the position never claims less than
     * the value shows.
     *
     * @param partition the key's source partition
     */
    CompletionStage<ObjectRead> read(int partition, String key);

    /** The applied position of one source partition (every source topic's entry for it). */
    CompletionStage<StoredPosition> position(int partition);

    /** Releases the connection. Idempotent. */
    @Override
    void close();
}
