package dev.ripple.consistency.history.internal;

import static dev.ripple.consistency.history.AnomalyType.STALENESS_BOUND_EXCEEDED;

import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.consistency.history.Anomaly;
import dev.ripple.consistency.history.Operation;
import dev.ripple.consistency.history.ReadOp;
import dev.ripple.consistency.history.StalenessBound;
import dev.ripple.consistency.history.WriteOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * staleness-bound-exceeded: a served read with a bound missed more than {@code versions} acknowledged writes
 * of its key, or missed one that had been acknowledged more than {@code ms} before the read started. "Missed"
 * means acknowledged before the read started and newer (same partition) than the version returned.
 *
 * <p>Per key and partition, an offline sweep in acknowledgement order with two Fenwick trees over offset
 * ranks (count, and earliest acknowledgement) answers each read in O(log n), so a hot key costs no more
 * than many cold ones.
 */
public final class StalenessCheck {

    private final HistoryIndex index;
    private final AnomalySink sink;

    public StalenessCheck(HistoryIndex index, AnomalySink sink) {
        this.index = index;
        this.sink = sink;
    }

    public void run() {
        Map<String, List<ReadOp>> reads = new LinkedHashMap<>();
        for (Operation op : index.ops) {
            if (op instanceof ReadOp r && r.accepted() && !bound(r).isUnbounded()) {
                reads.computeIfAbsent(r.key(), k -> new ArrayList<>()).add(r);
            }
        }
        if (reads.isEmpty()) {
            return;
        }
        Map<String, Map<TopicPartitionKey, List<WriteOp>>> writes = new HashMap<>();
        for (Operation op : index.ops) {
            if (op instanceof WriteOp w && w.accepted() && reads.containsKey(w.key())) {
                writes.computeIfAbsent(w.key(), k -> new HashMap<>())
                        .computeIfAbsent(w.dot().partition(), p -> new ArrayList<>()).add(w);
            }
        }
        reads.forEach((key, keyReads) -> checkKey(keyReads, writes.getOrDefault(key, Map.of())));
    }

    private StalenessBound bound(ReadOp r) {
        return r.bound() != null ? r.bound() : index.history.defaultBound();
    }

    private void checkKey(List<ReadOp> reads, Map<TopicPartitionKey, List<WriteOp>> byPartition) {
        long[] missed = new long[reads.size()];
        long[] oldestAck = new long[reads.size()];
        WriteOp[] oldest = new WriteOp[reads.size()];
        Arrays.fill(oldestAck, Long.MAX_VALUE);
        byPartition.forEach((p, ws) -> sweep(p, ws, reads, missed, oldestAck, oldest));
        for (int i = 0; i < reads.size(); i++) {
            ReadOp r = reads.get(i);
            StalenessBound b = bound(r);
            long versions = missed[i];
            long ms = versions == 0 ? 0 : r.startMs() - oldestAck[i];
            if (versions > b.versions() || ms > b.ms()) {
                WriteOp w = oldest[i];
                sink.add(STALENESS_BOUND_EXCEEDED, () -> new Anomaly(STALENESS_BOUND_EXCEEDED, List.of(r.id(), w.id()),
                        List.of(), "read " + r.id() + " of " + r.key() + " at " + r.region() + " returned "
                        + (r.dot() == null ? "nothing" : r.dot()) + ", missing " + versions + " acknowledged version(s),"
                        + " the oldest (" + w.id() + ", " + w.dot() + ") acknowledged " + ms + " ms before it started;"
                        + " bound: " + show(b.versions()) + " versions, " + show(b.ms()) + " ms",
                        Map.of("versions", versions, "ms", ms, "bound_versions", b.versions(), "bound_ms", b.ms())));
            }
        }
    }

    private static void sweep(TopicPartitionKey p, List<WriteOp> ws, List<ReadOp> reads,
                              long[] missed, long[] oldestAck, WriteOp[] oldest) {
        WriteOp[] byAck = ws.toArray(new WriteOp[0]);
        Arrays.sort(byAck, (a, b) -> Long.compare(a.endMs(), b.endMs()));
        long[] offsets = ws.stream().mapToLong(w -> w.dot().offset()).sorted().distinct().toArray();
        int m = offsets.length;
        int[] readOrder = new int[reads.size()];
        long[] starts = new long[reads.size()];
        int n = 0;
        for (int i = 0; i < reads.size(); i++) {
            ReadOp r = reads.get(i);
            if (r.dot() == null || r.dot().partition().equals(p)) {
                readOrder[n++] = i;
            }
            starts[i] = r.startMs();
        }
        readOrder = Arrays.copyOf(readOrder, n);
        IndexSort.sort(readOrder, starts);
        // Fenwick trees over reversed offset rank, so that "offset > x" is a prefix.
        long[] count = new long[m + 1];
        long[] minAck = new long[m + 1];
        int[] minWrite = new int[m + 1];
        Arrays.fill(minAck, Long.MAX_VALUE);
        int next = 0;
        for (int ri : readOrder) {
            ReadOp r = reads.get(ri);
            while (next < byAck.length && byAck[next].endMs() < r.startMs()) {
                int rev = m - Arrays.binarySearch(offsets, byAck[next].dot().offset());
                for (int x = rev; x <= m; x += x & -x) {
                    count[x]++;
                    if (byAck[next].endMs() < minAck[x]) {
                        minAck[x] = byAck[next].endMs();
                        minWrite[x] = next;
                    }
                }
                next++;
            }
            long seen = r.dot() == null ? -1 : r.dot().offset();
            int newer = m - upperBound(offsets, seen);
            long c = 0;
            long best = Long.MAX_VALUE;
            int bestWrite = -1;
            for (int x = newer; x > 0; x -= x & -x) {
                c += count[x];
                if (minAck[x] < best) {
                    best = minAck[x];
                    bestWrite = minWrite[x];
                }
            }
            missed[ri] += c;
            if (bestWrite >= 0 && best < oldestAck[ri]) {
                oldestAck[ri] = best;
                oldest[ri] = byAck[bestWrite];
            }
        }
    }

    private static int upperBound(long[] sorted, long v) {
        int i = Arrays.binarySearch(sorted, v);
        if (i >= 0) {
            return i + 1;
        }
        return -i - 1;
    }

    private static String show(long bound) {
        return bound == Long.MAX_VALUE ? "unbounded" : Long.toString(bound);
    }
}
