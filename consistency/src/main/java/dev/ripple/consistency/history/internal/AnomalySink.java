package dev.ripple.consistency.history.internal;

import dev.ripple.consistency.history.Anomaly;
import dev.ripple.consistency.history.AnomalyType;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/** Counts every anomaly and keeps the first few of each type; the message is only built for kept ones. */
public final class AnomalySink {

    private final int maxPerType;
    private final long[] counts = new long[AnomalyType.values().length];
    private final List<List<Anomaly>> kept = new ArrayList<>();

    public AnomalySink(int maxPerType) {
        this.maxPerType = maxPerType;
        for (int i = 0; i < counts.length; i++) {
            kept.add(new ArrayList<>());
        }
    }

    public void add(AnomalyType type, Supplier<Anomaly> anomaly) {
        counts[type.ordinal()]++;
        List<Anomaly> list = kept.get(type.ordinal());
        if (list.size() < maxPerType) {
            list.add(anomaly.get());
        }
    }

    public Map<AnomalyType, Long> counts() {
        Map<AnomalyType, Long> map = new EnumMap<>(AnomalyType.class);
        for (AnomalyType t : AnomalyType.values()) {
            map.put(t, counts[t.ordinal()]);
        }
        return map;
    }

    public List<Anomaly> anomalies() {
        List<Anomaly> all = new ArrayList<>();
        kept.forEach(all::addAll);
        return all;
    }

    public boolean truncated() {
        for (int i = 0; i < counts.length; i++) {
            if (counts[i] > kept.get(i).size()) {
                return true;
            }
        }
        return false;
    }
}
