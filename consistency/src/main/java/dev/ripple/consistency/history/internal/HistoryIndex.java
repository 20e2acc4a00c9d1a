package dev.ripple.consistency.history.internal;

import dev.ripple.consistency.Dot;
import dev.ripple.consistency.history.Apply;
import dev.ripple.consistency.history.History;
import dev.ripple.consistency.history.Operation;
import dev.ripple.consistency.history.ReadOp;
import dev.ripple.consistency.history.WriteOp;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The lookups every check shares, built once in O(n log n): writes by dot, sessions in order, and per
 * replica the index of each dot's first apply.
 */
public final class HistoryIndex {

    public final History history;
    public final List<Operation> ops;
    /** Session names in order of first appearance, and each session's operation indices in session order. */
    public final List<String> sessionNames = new ArrayList<>();
    public final List<int[]> sessions = new ArrayList<>();
    /** Replica names, sorted, and their logs. */
    public final List<String> replicas;
    public final List<List<Apply>> logs = new ArrayList<>();
    private final Map<Dot, WriteOp> writesByDot;
    private final List<Map<Dot, Integer>> firstApply = new ArrayList<>();

    public HistoryIndex(History history) {
        this.history = history;
        this.ops = history.operations();
        this.writesByDot = new HashMap<>(ops.size());
        Map<String, IntList> bySession = new LinkedHashMap<>();
        for (int i = 0; i < ops.size(); i++) {
            Operation op = ops.get(i);
            bySession.computeIfAbsent(op.session(), s -> new IntList()).add(i);
            if (op instanceof WriteOp w && w.dot() != null) {
                writesByDot.putIfAbsent(w.dot(), w);
            }
        }
        bySession.forEach((name, list) -> {
            sessionNames.add(name);
            sessions.add(sortByStart(list.toArray()));
        });
        this.replicas = List.copyOf(history.applies().keySet());
        for (String replica : replicas) {
            List<Apply> log = history.applies().get(replica);
            Map<Dot, Integer> first = new HashMap<>(log.size() * 2);
            for (int i = 0; i < log.size(); i++) {
                first.putIfAbsent(log.get(i).dot(), i);
            }
            logs.add(log);
            firstApply.add(first);
        }
    }

    /** @return the write that produced {@code dot}, or null if the history has none */
    public WriteOp writer(Dot dot) {
        return dot == null ? null : writesByDot.get(dot);
    }

    /** @return the index of the first apply of {@code dot} at replica {@code r}, or −1 */
    public int firstApply(int r, Dot dot) {
        Integer i = firstApply.get(r).get(dot);
        return i == null ? -1 : i;
    }

    /** @return the replica index of {@code name}, or −1 if it has no apply log */
    public int replicaIndex(String name) {
        int i = Collections.binarySearch(replicas, name);
        return i >= 0 ? i : -1;
    }

    /**
     * @return the epoch an operation ran in, as far as it shows: a read's applied position, else its returned
     *     token, else its presented token; −1 if it shows none. Dots of different epochs are not comparable.
     */
    public static long epochOf(Operation op) {
        if (op instanceof ReadOp r && r.applied() != null) {
            return r.applied().epoch();
        }
        if (op.tokenOut() != null) {
            return op.tokenOut().epoch();
        }
        return op.tokenIn() == null ? -1 : op.tokenIn().epoch();
    }

    /** @return true if both operations show an epoch and the epochs differ */
    public static boolean differentEpochs(Operation a, Operation b) {
        long ea = epochOf(a);
        long eb = epochOf(b);
        return ea >= 0 && eb >= 0 && ea != eb;
    }

    /** @return "write &lt;id&gt;" for the writer of {@code dot}, or "an unrecorded write" */
    public String describeWriter(Dot dot) {
        WriteOp w = writer(dot);
        return w == null ? "an unrecorded write" : "write " + w.id();
    }

    private int[] sortByStart(int[] idx) {
        for (int i = 1; i < idx.length; i++) {
            if (ops.get(idx[i]).startMs() < ops.get(idx[i - 1]).startMs()) {
                Integer[] boxed = Arrays.stream(idx).boxed().toArray(Integer[]::new);
                Arrays.sort(boxed, (a, b) -> {
                    int c = Long.compare(ops.get(a).startMs(), ops.get(b).startMs());
                    return c != 0 ? c : Integer.compare(a, b);
                });
                return Arrays.stream(boxed).mapToInt(Integer::intValue).toArray();
            }
        }
        return idx;
    }

    /** A growable int array. */
    static final class IntList {
        private int[] a = new int[8];
        private int n;

        void add(int v) {
            if (n == a.length) {
                a = Arrays.copyOf(a, n * 2);
            }
            a[n++] = v;
        }

        int[] toArray() {
            return Arrays.copyOf(a, n);
        }
    }
}
