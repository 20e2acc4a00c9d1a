package dev.ripple.consistency.history.internal;

import static dev.ripple.consistency.history.AnomalyType.APPLY_ORDER_INVERSION;
import static dev.ripple.consistency.history.AnomalyType.DIVERGENCE;
import static dev.ripple.consistency.history.AnomalyType.DUPLICATE_APPLY;
import static dev.ripple.consistency.history.AnomalyType.LOST_WRITE;

import dev.ripple.consistency.Dot;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.consistency.history.Anomaly;
import dev.ripple.consistency.history.Apply;
import dev.ripple.consistency.history.ApplyRef;
import dev.ripple.consistency.history.Operation;
import dev.ripple.consistency.history.WriteOp;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rules over the replicas' apply logs, O(applies + writes × replicas): duplicate-apply, apply-order-inversion
 * (two records of one partition applied against log order), and, for converged histories, lost-write and
 * divergence (replicas' last applied versions of a key differ).
 */
public final class ApplyLogCheck {

    private final HistoryIndex index;
    private final AnomalySink sink;

    public ApplyLogCheck(HistoryIndex index, AnomalySink sink) {
        this.index = index;
        this.sink = sink;
    }

    public void run() {
        List<Map<String, Integer>> lastByKey = new ArrayList<>();
        for (int r = 0; r < index.replicas.size(); r++) {
            lastByKey.add(scanLog(r));
        }
        if (index.history.converged()) {
            checkLostWrites();
            checkDivergence(lastByKey);
        }
    }

    /** Reports duplicates and inversions; returns each key's last apply index. */
    private Map<String, Integer> scanLog(int r) {
        String replica = index.replicas.get(r);
        List<Apply> log = index.logs.get(r);
        Map<TopicPartitionKey, Integer> highest = new HashMap<>();
        Map<String, Integer> last = new LinkedHashMap<>();
        for (int i = 0; i < log.size(); i++) {
            Apply a = log.get(i);
            int idx = i;
            int first = index.firstApply(r, a.dot());
            if (first != i) {
                sink.add(DUPLICATE_APPLY, () -> new Anomaly(DUPLICATE_APPLY, writerIds(a.dot()),
                        List.of(new ApplyRef(replica, first), new ApplyRef(replica, idx)),
                        "replica " + replica + " applied " + a.dot() + " (" + index.describeWriter(a.dot()) + ", key "
                                + a.key() + ") twice, at entries " + first + " and " + idx, Map.of()));
            }
            Integer top = highest.get(a.dot().partition());
            if (top != null && log.get(top).dot().offset() > a.dot().offset()) {
                Apply newer = log.get(top);
                sink.add(APPLY_ORDER_INVERSION, () -> new Anomaly(APPLY_ORDER_INVERSION,
                        concat(writerIds(a.dot()), writerIds(newer.dot())),
                        List.of(new ApplyRef(replica, idx), new ApplyRef(replica, top)),
                        "replica " + replica + " applied " + a.dot() + " (" + index.describeWriter(a.dot()) + ", entry "
                                + idx + ") after " + newer.dot() + " (" + index.describeWriter(newer.dot()) + ", entry "
                                + top + "), against the order of partition " + a.dot().partition(),
                        Map.of()));
            } else if (top == null || log.get(top).dot().offset() < a.dot().offset()) {
                highest.put(a.dot().partition(), i);
            }
            last.put(a.key(), i);
        }
        return last;
    }

    private void checkLostWrites() {
        for (Operation op : index.ops) {
            if (op instanceof WriteOp w && w.accepted()) {
                for (int r = 0; r < index.replicas.size(); r++) {
                    if (index.firstApply(r, w.dot()) < 0) {
                        String replica = index.replicas.get(r);
                        sink.add(LOST_WRITE, () -> new Anomaly(LOST_WRITE, List.of(w.id()), List.of(),
                                "write " + w.id() + " (" + w.dot() + ", key " + w.key() + ") was acknowledged at "
                                        + w.endMs() + " ms but replica " + replica
                                        + " never applied it, though the history is converged",
                                Map.of("ack_ms", w.endMs())));
                    }
                }
            }
        }
    }

    private void checkDivergence(List<Map<String, Integer>> lastByKey) {
        Map<String, Boolean> keys = new LinkedHashMap<>();
        lastByKey.forEach(m -> m.keySet().forEach(k -> keys.put(k, Boolean.TRUE)));
        for (String key : keys.keySet()) {
            Dot[] finals = new Dot[lastByKey.size()];
            boolean differ = false;
            for (int r = 0; r < finals.length; r++) {
                Integer at = lastByKey.get(r).get(key);
                finals[r] = at == null ? null : index.logs.get(r).get(at).dot();
                differ |= r > 0 && !Objects.equals(finals[r], finals[0]);
            }
            if (differ) {
                sink.add(DIVERGENCE, () -> divergence(key, finals, lastByKey));
            }
        }
    }

    private Anomaly divergence(String key, Dot[] finals, List<Map<String, Integer>> lastByKey) {
        List<String> ops = new ArrayList<>();
        List<ApplyRef> refs = new ArrayList<>();
        StringBuilder sb = new StringBuilder("replicas hold different final versions of key " + key + ":");
        for (int r = 0; r < finals.length; r++) {
            String replica = index.replicas.get(r);
            sb.append(r == 0 ? " " : ", ").append(replica).append(" has ");
            if (finals[r] == null) {
                sb.append("nothing");
                continue;
            }
            sb.append(finals[r]).append(" (").append(index.describeWriter(finals[r])).append(')');
            refs.add(new ApplyRef(replica, lastByKey.get(r).get(key)));
            for (String id : writerIds(finals[r])) {
                if (!ops.contains(id)) {
                    ops.add(id);
                }
            }
        }
        return new Anomaly(DIVERGENCE, ops, refs, sb.toString(), Map.of());
    }

    private List<String> writerIds(Dot dot) {
        WriteOp w = index.writer(dot);
        return w == null ? List.of() : List.of(w.id());
    }

    private static List<String> concat(List<String> a, List<String> b) {
        List<String> all = new ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
