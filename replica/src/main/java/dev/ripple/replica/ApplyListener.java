package dev.ripple.replica;

import dev.ripple.events.RegionPosition;
import java.util.List;

/**
 * Told about every batch a {@link ReplicaApplier} made durable, in apply order per partition. Called on the
 * applier's loop thread: return quickly and do not block (hand work to another thread).
 */
@FunctionalInterface
public interface ApplyListener {
    /**
     * @param entries what happened to each record of the batch (all of one partition, in order)
     * @param position the region's applied position right after the batch
     */
    void applied(List<AppliedEntry> entries, RegionPosition position);
}
