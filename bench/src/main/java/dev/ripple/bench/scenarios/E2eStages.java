package dev.ripple.bench.scenarios;

import dev.ripple.bench.Measurement;
import java.util.ArrayList;
import java.util.List;

/**
 * The latency of {@code e2e} split by stage, from the times the records carry (DESIGN.md 4: trace times) and the
 * ones the listeners see. Wall-clock stages mix this JVM's clock with the broker's record timestamps (same host),
 * to the millisecond. Not thread-safe: filled after each round.
 */
final class E2eStages {
    static final String[] NAMES = {
        "POST → 201 (intake, acks=all)",
        "POST → source record timestamp (intake until its producer sends)",
        "source timestamp → propagator emits (fetch, route)",
        "propagator emits → applied in Redis, slowest region (the commit under exactly-once, applier fetch, apply)",
        "propagator emits → purge read, slowest region (the commit under exactly-once, purger fetch)",
        "purge read → purged in Redis, slowest region",
        "applied and purged → seen by the benchmark (listener call)",
        "total: POST → applied and purged in every region",
    };

    private final List<double[]> rows = new ArrayList<>();

    void add(double[] row) {
        rows.add(row);
    }

    void clear() {
        rows.clear();
    }

    boolean isEmpty() {
        return rows.isEmpty();
    }

    /** A Markdown table: stage, p50, p99, p99.9 in ms over every event added. */
    String markdown() {
        StringBuilder md = new StringBuilder("| stage | p50 ms | p99 ms | p99.9 ms |\n|---|---|---|---|\n");
        for (int s = 0; s < NAMES.length; s++) {
            int stage = s;
            Measurement.Latency latency = Measurement.Latency.of(rows.stream().mapToDouble(r -> r[stage]).toArray());
            md.append(String.format("| %s | %.1f | %.1f | %.1f |%n", NAMES[s], latency.p50(), latency.p99(),
                    latency.p999()));
        }
        return md.toString();
    }

}
