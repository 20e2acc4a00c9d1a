package dev.ripple.replica;

import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.events.ReplicationRecord;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * Where a region partition is rebuilt from: the latest state of every key of that source partition, as the rules in
 * force route it to the region (DESIGN.md 7.1). The production source reads the compacted latest-state topics
 * {@code ripple.latest.<stream>}; the replica does not know the rules, so the process that wires it supplies one.
 */
@FunctionalInterface
public interface RebuildSource {

    /**
     * Opens a scan of one source partition's latest state, up to where it ends now.
     *
     * @param from per latest-state {@code topic:partition}, the next offset to read (a resumed rebuild's cursor);
     *     absent entries are read from the beginning
     */
    Scan open(String region, int partition, Map<String, Long> from);

    /**
     * Whether a rebuild from this source restores everything a lost partition had claimed (true for the latest-state
     * topics); a rebuild from one that does not claims only what it applied.
     */
    default boolean restores() {
        return true;
    }

    /**
     * A source with nothing in it ({@code ripple replica} without a config store, so without rules): a rebuild from
     * it puts the partition back in service empty, claiming nothing of what was lost, so a session that had seen the
     * lost data waits or is refused rather than read a 404.
     */
    static RebuildSource none() {
        return new RebuildSource() {
            @Override
            public boolean restores() {
                return false;
            }

            @Override
            public Scan open(String region, int partition, Map<String, Long> from) {
                return empty(from);
            }
        };
    }

    private static Scan empty(Map<String, Long> from) {
        return new Scan() {
            @Override
            public List<ReplicationRecord> poll(Duration timeout) {
                return List.of();
            }

            @Override
            public boolean done() {
                return true;
            }

            @Override
            public Map<String, Long> cursor() {
                return Map.copyOf(from);
            }

            @Override
            public Map<TopicPartitionKey, Long> covered() {
                return Map.of();
            }

            @Override
            public long read() {
                return 0;
            }

            @Override
            public long total() {
                return 0;
            }

            @Override
            public void close() {}
        };
    }

    /** One partition's scan. Used by one thread. */
    interface Scan extends AutoCloseable {
        /** The next records routed to the region (possibly none before {@link #done}). */
        List<ReplicationRecord> poll(Duration timeout);

        /** Whether everything there was when the scan opened has been read. */
        boolean done();

        /** Per latest-state {@code topic:partition}, the next offset to read: where a resumed rebuild goes on. */
        Map<String, Long> cursor();

        /** Per source {@code topic:partition}, the newest source offset read so far, routed here or not. */
        Map<TopicPartitionKey, Long> covered();

        /** Latest-state records read so far (routed here or not). */
        long read();

        /** An upper estimate of the records to read in all. */
        long total();

        @Override
        void close();
    }
}
