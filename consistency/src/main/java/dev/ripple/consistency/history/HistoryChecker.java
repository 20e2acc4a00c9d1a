package dev.ripple.consistency.history;

import dev.ripple.consistency.history.internal.AnomalySink;
import dev.ripple.consistency.history.internal.ApplyLogCheck;
import dev.ripple.consistency.history.internal.EpochCheck;
import dev.ripple.consistency.history.internal.HistoryIndex;
import dev.ripple.consistency.history.internal.PrefixGapCheck;
import dev.ripple.consistency.history.internal.ReplicaOrderCheck;
import dev.ripple.consistency.history.internal.SessionCheck;
import dev.ripple.consistency.history.internal.StalenessCheck;
import java.util.Objects;

/**
 * Checks a {@link History} for every {@link AnomalyType}. O(n log n) in operations and applies (plus a factor
 * of replicas × partitions for the per-replica session rules); a million operations take a few seconds.
 *
 * <p>Immutable and thread-safe; {@link #check} keeps no state between calls.
 */
public final class HistoryChecker {

    /** Examples kept per anomaly type unless configured otherwise; counts are always complete. */
    public static final int DEFAULT_MAX_ANOMALIES_PER_TYPE = 1_000;

    private final int maxPerType;

    private HistoryChecker(int maxPerType) {
        this.maxPerType = maxPerType;
    }

    /** @return a checker keeping up to {@value #DEFAULT_MAX_ANOMALIES_PER_TYPE} examples per type */
    public static HistoryChecker create() {
        return new HistoryChecker(DEFAULT_MAX_ANOMALIES_PER_TYPE);
    }

    /**
     * @param max how many anomalies of each type to keep in the report; at least 0
     * @return a copy keeping that many
     */
    public HistoryChecker withMaxAnomaliesPerType(int max) {
        if (max < 0) {
            throw new IllegalArgumentException("Invalid value " + max + " for max anomalies per type: must be at least 0");
        }
        return new HistoryChecker(max);
    }

    /**
     * @param history the history; not null
     * @return every anomaly found, with the operations and apply entries involved
     */
    public CheckReport check(History history) {
        Objects.requireNonNull(history, "history");
        HistoryIndex index = new HistoryIndex(history);
        AnomalySink sink = new AnomalySink(maxPerType);
        new SessionCheck(index, sink).run();
        new ReplicaOrderCheck(index, sink).run();
        new ApplyLogCheck(index, sink).run();
        new PrefixGapCheck(index, sink).run();
        new EpochCheck(index, sink).run();
        new StalenessCheck(index, sink).run();
        return new CheckReport(history.operations().size(), history.applyCount(), history.converged(),
                sink.counts(), sink.anomalies(), sink.truncated());
    }
}
