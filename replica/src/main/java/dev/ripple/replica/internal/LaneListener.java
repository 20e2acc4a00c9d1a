package dev.ripple.replica.internal;

import dev.ripple.consistency.Position;
import java.util.List;

/** What a {@link PartitionLane} reports: for metrics and logs. Called on the applier's loop thread. */
interface LaneListener {
    /** The head record of a partition started waiting for its dependencies. */
    void dependencyWaitStarted(int partition, long offset, List<Position.Shortfall> missing);

    /** A dependency wait ended after {@code waitedMs}. */
    void dependencyWaitEnded(int partition, long offset, long waitedMs);

    /** A dependency wait passed the alert bound; the record keeps waiting. Reported once per record. */
    void dependencyWaitExceeded(int partition, long offset, List<Position.Shortfall> missing, long waitedMs);

    /** A batch stopped at the record or byte limit with more records ready. */
    void batchLimitHit(int partition);

    /** The partition cannot go on: a record cannot be read. */
    void stuck(int partition, long offset, String reason);

    /** Does nothing. */
    LaneListener NONE = new LaneListener() {
        @Override
        public void dependencyWaitStarted(int partition, long offset, List<Position.Shortfall> missing) {}

        @Override
        public void dependencyWaitEnded(int partition, long offset, long waitedMs) {}

        @Override
        public void dependencyWaitExceeded(int partition, long offset, List<Position.Shortfall> missing,
                long waitedMs) {}

        @Override
        public void batchLimitHit(int partition) {}

        @Override
        public void stuck(int partition, long offset, String reason) {}
    };
}
