package dev.ripple.consistency.history;

import dev.ripple.consistency.history.internal.ReportJson;
import java.util.Collections;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What {@link HistoryChecker#check} found.
 *
 * @param operations the number of client operations checked
 * @param applies the number of apply entries checked, across replicas
 * @param converged whether the history was marked converged (else lost-write and divergence were not checked)
 * @param counts for every anomaly type, how many were found (all of them, even beyond the examples kept)
 * @param anomalies the anomalies kept, by type in {@link AnomalyType} order, then in the order found
 * @param truncated true if some anomalies were counted but not kept (see
 *     {@link HistoryChecker#withMaxAnomaliesPerType})
 */
public record CheckReport(int operations, long applies, boolean converged, Map<AnomalyType, Long> counts,
                          List<Anomaly> anomalies, boolean truncated) {

    public CheckReport {
        EnumMap<AnomalyType, Long> all = new EnumMap<>(AnomalyType.class);
        for (AnomalyType t : AnomalyType.values()) {
            all.put(t, Objects.requireNonNull(counts, "counts").getOrDefault(t, 0L));
        }
        counts = Collections.unmodifiableMap(all);
        anomalies = List.copyOf(anomalies);
    }

    /** @return true if no anomaly of any type was found */
    public boolean ok() {
        return counts.values().stream().allMatch(c -> c == 0);
    }

    /** @return how many anomalies of {@code type} were found */
    public long count(AnomalyType type) {
        return counts.get(type);
    }

    /** @return the kept anomalies of {@code type} */
    public List<Anomaly> anomalies(AnomalyType type) {
        return anomalies.stream().filter(a -> a.type() == type).toList();
    }

    /** @return the JSON form (pretty-printed), as documented in the module README */
    public String toJson() {
        return ReportJson.write(this);
    }
}
