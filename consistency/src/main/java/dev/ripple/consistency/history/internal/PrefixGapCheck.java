package dev.ripple.consistency.history.internal;

import static dev.ripple.consistency.history.AnomalyType.PREFIX_GAP;

import dev.ripple.consistency.Position;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.consistency.history.Anomaly;
import dev.ripple.consistency.history.ApplyRef;
import dev.ripple.consistency.history.Operation;
import dev.ripple.consistency.history.ReadOp;
import dev.ripple.consistency.history.WriteOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * prefix-gap: a served read reported its region's applied position claiming partition p up to offset O, yet
 * an acknowledged write of p at or below O had not been applied at that region by the time the read answered
 * (its apply came later, or never). A position must never claim a record that is not yet applied (DESIGN.md
 * section 4). Reported once per (replica, missing write), at the first read that claimed it: one dropped record
 * would otherwise be reported by every later read of its region. Per (replica, partition), a max segment tree
 * of apply times over writes sorted by offset finds each missing write in O(log n), and a reported write is
 * removed from it.
 */
public final class PrefixGapCheck {

    private final HistoryIndex index;
    private final AnomalySink sink;
    private final Map<TopicPartitionKey, WriteOp[]> writesByPartition = new HashMap<>();
    private final Map<TopicPartitionKey, MaxTree[]> trees = new HashMap<>();

    public PrefixGapCheck(HistoryIndex index, AnomalySink sink) {
        this.index = index;
        this.sink = sink;
    }

    public void run() {
        Map<TopicPartitionKey, List<WriteOp>> grouped = new HashMap<>();
        for (Operation op : index.ops) {
            if (op instanceof WriteOp w && w.accepted()) {
                grouped.computeIfAbsent(w.dot().partition(), p -> new ArrayList<>()).add(w);
            }
        }
        grouped.forEach((p, list) -> {
            WriteOp[] arr = list.toArray(new WriteOp[0]);
            Arrays.sort(arr, Comparator.comparingLong(w -> w.dot().offset()));
            writesByPartition.put(p, arr);
        });
        for (Operation op : index.ops) {
            if (op instanceof ReadOp r && r.accepted()) {
                int rep = index.replicaIndex(r.region());
                if (rep >= 0) {
                    checkRead(r, rep);
                }
            }
        }
    }

    private void checkRead(ReadOp read, int rep) {
        Position applied = read.applied();
        for (TopicPartitionKey p : applied.partitions()) {
            WriteOp[] writes = writesByPartition.get(p);
            if (writes == null) {
                continue;
            }
            long claimed = applied.offset(p);
            int k = upperBound(writes, claimed) - 1;
            if (k < 0) {
                continue;
            }
            MaxTree[] perReplica = trees.computeIfAbsent(p, x -> new MaxTree[index.replicas.size()]);
            if (perReplica[rep] == null) {
                perReplica[rep] = applyTimes(writes, rep);
            }
            MaxTree tree = perReplica[rep];
            for (int m = tree.argMaxPrefix(k); m >= 0 && tree.value(m) > read.endMs(); m = tree.argMaxPrefix(k)) {
                tree.remove(m);
                report(read, rep, p, claimed, writes[m]);
            }
        }
    }

    private void report(ReadOp read, int rep, TopicPartitionKey p, long claimed, WriteOp missing) {
        int at = index.firstApply(rep, missing.dot());
        String replica = index.replicas.get(rep);
        sink.add(PREFIX_GAP, () -> new Anomaly(PREFIX_GAP, List.of(read.id(), missing.id()),
                at < 0 ? List.of() : List.of(new ApplyRef(replica, at)),
                "read " + read.id() + " was served by " + replica + " with applied position claiming " + p
                        + " up to " + claimed + ", but write " + missing.id() + " (" + missing.dot() + ") "
                        + (at < 0 ? "was never applied there" : "was only applied there at "
                        + index.logs.get(rep).get(at).atMs() + " ms, after the read answered at "
                        + read.endMs() + " ms"),
                Map.of("claimed_offset", claimed, "missing_offset", missing.dot().offset())));
    }

    /** Apply times at one replica of writes sorted by offset; never applied is the latest possible time. */
    private MaxTree applyTimes(WriteOp[] writes, int rep) {
        long[] times = new long[writes.length];
        for (int i = 0; i < writes.length; i++) {
            int at = index.firstApply(rep, writes[i].dot());
            times[i] = at < 0 ? Long.MAX_VALUE : index.logs.get(rep).get(at).atMs();
        }
        return new MaxTree(times);
    }

    private static int upperBound(WriteOp[] writes, long offset) {
        int lo = 0;
        int hi = writes.length;
        while (lo < hi) {
            int mid = (lo + hi) >>> 1;
            if (writes[mid].dot().offset() <= offset) {
                lo = mid + 1;
            } else {
                hi = mid;
            }
        }
        return lo;
    }
}
