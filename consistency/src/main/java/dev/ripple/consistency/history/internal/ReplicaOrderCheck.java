package dev.ripple.consistency.history.internal;

import static dev.ripple.consistency.history.AnomalyType.CAUSAL_DEP_MISSING;
import static dev.ripple.consistency.history.AnomalyType.SESSION_WRITE_REORDER;

import dev.ripple.consistency.Dot;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.consistency.history.Anomaly;
import dev.ripple.consistency.history.ApplyRef;
import dev.ripple.consistency.history.Operation;
import dev.ripple.consistency.history.ReadOp;
import dev.ripple.consistency.history.WriteOp;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * The session rules that replicas must keep (Bayou's write-side guarantees), along each session and for each
 * replica: session-write-reorder (monotonic writes: an earlier acknowledged write of the session must be
 * applied before a later one) and causal-dep-missing (writes-follow-reads: a version the session read from
 * another session must be applied before the session's later writes). Per session, only the newest version
 * read per partition is tracked: an older one applied after it is an apply-order inversion, reported apart.
 * Each culprit is reported once per replica. Cost: O(writes × replicas × partitions read).
 */
public final class ReplicaOrderCheck {

    private static final int NEVER = Integer.MAX_VALUE;

    private final HistoryIndex index;
    private final AnomalySink sink;

    public ReplicaOrderCheck(HistoryIndex index, AnomalySink sink) {
        this.index = index;
        this.sink = sink;
    }

    public void run() {
        if (index.replicas.isEmpty()) {
            return;
        }
        for (int[] session : index.sessions) {
            checkSession(session);
        }
    }

    private void checkSession(int[] session) {
        int replicas = index.replicas.size();
        int[] latestApply = new int[replicas];
        WriteOp[] latestWrite = new WriteOp[replicas];
        Map<TopicPartitionKey, ReadOp> newestRead = new LinkedHashMap<>();
        Set<String> reported = new HashSet<>();
        for (int i : session) {
            Operation op = index.ops.get(i);
            if (op instanceof ReadOp r && r.accepted() && r.dot() != null) {
                WriteOp writer = index.writer(r.dot());
                ReadOp seen = newestRead.get(r.dot().partition());
                if (writer != null && !writer.session().equals(r.session())
                        && (seen == null || r.dot().isNewerThan(seen.dot()))) {
                    newestRead.put(r.dot().partition(), r);
                }
            } else if (op instanceof WriteOp w && w.accepted()) {
                for (int rep = 0; rep < replicas; rep++) {
                    int at = index.firstApply(rep, w.dot());
                    if (at >= 0 && latestWrite[rep] != null && latestApply[rep] > at
                            && reported.add("w" + rep + ":" + latestWrite[rep].id())) {
                        reportReorder(rep, latestWrite[rep], latestApply[rep], w, at);
                    }
                    if (at >= 0) {
                        for (ReadOp r : newestRead.values()) {
                            int depAt = index.firstApply(rep, r.dot());
                            if ((depAt < 0 || depAt > at) && reported.add("r" + rep + ":" + r.id())) {
                                reportMissingDependency(rep, r, depAt, w, at);
                            }
                        }
                    }
                    int mine = at >= 0 ? at : NEVER;
                    if (latestWrite[rep] == null || mine > latestApply[rep]) {
                        latestApply[rep] = mine;
                        latestWrite[rep] = w;
                    }
                }
            }
        }
    }

    private void reportReorder(int rep, WriteOp earlier, int earlierAt, WriteOp later, int laterAt) {
        String replica = index.replicas.get(rep);
        sink.add(SESSION_WRITE_REORDER, () -> new Anomaly(SESSION_WRITE_REORDER, List.of(later.id(), earlier.id()),
                refs(replica, laterAt, earlierAt),
                "replica " + replica + " applied write " + later.id() + " (" + later.dot() + ") "
                        + (earlierAt == NEVER ? "but never" : "before")
                        + " the same session's earlier write " + earlier.id() + " (" + earlier.dot() + ")"
                        + " of session " + later.session(), Map.of()));
    }

    private void reportMissingDependency(int rep, ReadOp read, int depAt, WriteOp write, int at) {
        String replica = index.replicas.get(rep);
        Dot dep = read.dot();
        WriteOp depWriter = index.writer(dep);
        sink.add(CAUSAL_DEP_MISSING, () -> new Anomaly(CAUSAL_DEP_MISSING,
                List.of(write.id(), read.id(), depWriter.id()), refs(replica, at, depAt < 0 ? NEVER : depAt),
                "replica " + replica + " applied write " + write.id() + " (" + write.dot() + ") "
                        + (depAt < 0 ? "but never applied " : "before ") + dep + " (write " + depWriter.id()
                        + "), which session " + write.session() + " had read in " + read.id() + " before writing",
                Map.of()));
    }

    private static List<ApplyRef> refs(String replica, int... indices) {
        List<ApplyRef> refs = new ArrayList<>();
        for (int i : indices) {
            if (i != NEVER) {
                refs.add(new ApplyRef(replica, i));
            }
        }
        return refs;
    }
}
