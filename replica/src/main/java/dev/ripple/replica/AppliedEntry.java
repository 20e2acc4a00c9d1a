package dev.ripple.replica;

import dev.ripple.events.RegionRecord;
import java.time.Instant;
import java.util.Objects;

/**
 * What applying one region record did.
 *
 * @param record the record
 * @param outcome whether the store changed
 * @param appliedAt when the store applied it (the store's clock); the same for every record of one atomic call
 */
public record AppliedEntry(RegionRecord record, Outcome outcome, Instant appliedAt) {

    /** What happened to a record. */
    public enum Outcome {
        /** The value changed to this record's version. */
        APPLIED,
        /** The store already held this version or a newer one: nothing changed but the position. */
        STALE,
        /** A watermark: only the position moved. */
        WATERMARK
    }

    public AppliedEntry {
        Objects.requireNonNull(record, "record");
        Objects.requireNonNull(outcome, "outcome");
        Objects.requireNonNull(appliedAt, "appliedAt");
    }

    /** True if the store changed to this record's version. */
    public boolean effective() {
        return outcome == Outcome.APPLIED;
    }
}
