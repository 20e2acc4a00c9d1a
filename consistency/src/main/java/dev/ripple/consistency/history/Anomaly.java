package dev.ripple.consistency.history;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * One anomaly found in a history, with what is involved.
 *
 * @param type the anomaly class; not null
 * @param operations the ids of the operations involved, most relevant first; not null
 * @param applies the apply-log entries involved; not null
 * @param message a sentence naming the operations, versions and replicas; not null
 * @param measures the numbers behind it (e.g. {@code versions}, {@code ms}, {@code bound_ms}); not null
 */
public record Anomaly(AnomalyType type, List<String> operations, List<ApplyRef> applies, String message,
                      Map<String, Long> measures) {

    public Anomaly {
        Objects.requireNonNull(type, "type");
        operations = List.copyOf(operations);
        applies = List.copyOf(applies);
        Objects.requireNonNull(message, "message");
        measures = Collections.unmodifiableMap(new TreeMap<>(measures));
    }
}
