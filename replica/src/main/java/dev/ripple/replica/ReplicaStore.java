package dev.ripple.replica;

import dev.ripple.events.RegionRecord;
import dev.ripple.replica.internal.RedisReplicaStore;
import java.util.List;
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
     * @param records replication records and watermarks, all of one source partition, in partition order; not empty
     * @return per record, in order, what happened to it
     * @throws IllegalArgumentException if the records are empty or of several partitions
     */
    CompletionStage<List<AppliedEntry>> apply(List<RegionRecord> records);

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
