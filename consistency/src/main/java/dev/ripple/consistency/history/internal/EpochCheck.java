package dev.ripple.consistency.history.internal;

import static dev.ripple.consistency.history.AnomalyType.TOKEN_RESURRECTION;

import dev.ripple.consistency.history.Anomaly;
import dev.ripple.consistency.history.Operation;
import dev.ripple.consistency.history.ReadOp;
import java.util.List;
import java.util.Map;

/**
 * token-resurrection: an operation presenting a token of epoch e was accepted (write acknowledged, read
 * served) although a later epoch was in force: the serving region's applied position or the returned token
 * was of a later epoch, or another operation that had already completed had seen a later one. Such a token
 * must be refused (410), never silently upgraded. O(n log n): one sort by end time and a binary search.
 */
public final class EpochCheck {

    private final HistoryIndex index;
    private final AnomalySink sink;

    public EpochCheck(HistoryIndex index, AnomalySink sink) {
        this.index = index;
        this.sink = sink;
    }

    public void run() {
        int n = index.ops.size();
        long[] ends = new long[n];
        int[] byEnd = new int[n];
        for (int i = 0; i < n; i++) {
            ends[i] = index.ops.get(i).endMs();
            byEnd[i] = i;
        }
        IndexSort.sort(byEnd, ends);
        long[] sortedEnds = new long[n];
        long[] maxEpoch = new long[n];
        int[] maxOp = new int[n];
        for (int k = 0; k < n; k++) {
            int i = byEnd[k];
            sortedEnds[k] = ends[i];
            long e = epochSeen(index.ops.get(i));
            if (k == 0 || e > maxEpoch[k - 1]) {
                maxEpoch[k] = e;
                maxOp[k] = i;
            } else {
                maxEpoch[k] = maxEpoch[k - 1];
                maxOp[k] = maxOp[k - 1];
            }
        }
        for (Operation op : index.ops) {
            if (!op.accepted() || op.tokenIn() == null) {
                continue;
            }
            long presented = op.tokenIn().epoch();
            long local = epochSeen(op);
            int k = lowerBound(sortedEnds, op.startMs()) - 1;
            long global = k >= 0 ? maxEpoch[k] : -1;
            if (presented < Math.max(local, global)) {
                boolean byOther = global > local;
                Operation witness = byOther ? index.ops.get(maxOp[k]) : op;
                long inForce = Math.max(local, global);
                sink.add(TOKEN_RESURRECTION, () -> new Anomaly(TOKEN_RESURRECTION,
                        byOther ? List.of(op.id(), witness.id()) : List.of(op.id()), List.of(),
                        "operation " + op.id() + " (session " + op.session() + ") presented a token of epoch "
                                + presented + " and was accepted, though epoch " + inForce + " was in force"
                                + (byOther ? " (seen by " + witness.id() + ", which completed before it started)"
                                : " (its own " + (op instanceof ReadOp ? "serving region" : "returned token") + ")")
                                + "; it should have been refused with 410",
                        Map.of("token_epoch", presented, "epoch", inForce)));
            }
        }
    }

    /** The latest epoch an operation shows the system to be in: its region's position or its returned token. */
    private static long epochSeen(Operation op) {
        long e = op.tokenOut() == null ? -1 : op.tokenOut().epoch();
        if (op instanceof ReadOp r && r.applied() != null) {
            e = Math.max(e, r.applied().epoch());
        }
        return e;
    }

    /** @return the first index whose value is ≥ {@code t} */
    private static int lowerBound(long[] sorted, long t) {
        int lo = 0;
        int hi = sorted.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (sorted[mid] < t) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
