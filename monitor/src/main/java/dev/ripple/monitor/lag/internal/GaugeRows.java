package dev.ripple.monitor.lag.internal;

import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicReference;

/**
 * A {@link MultiGauge} whose rows keep their meters across samples: each sample sets the values of the rows it
 * still has and drops the others. Re-registering every row instead ({@code overwrite}) removes and re-adds each
 * meter, and a scrape racing that sees one series twice and fails the whole of {@code /metrics}
 * ({@code DuplicateLabelsException}, seen once in a test run). Updated from one thread; read from any.
 */
final class GaugeRows {
    private final MultiGauge gauge;
    private final AtomicReference<Map<Tags, Cell>> cells = new AtomicReference<>(Map.of());

    GaugeRows(MultiGauge gauge) {
        this.gauge = gauge;
    }

    /** Sets every row of {@code values}; rows not in it stop being exported. */
    void set(Map<Tags, Double> values) {
        Map<Tags, Cell> previous = cells.get();
        Map<Tags, Cell> next = new ConcurrentHashMap<>();
        values.forEach((tags, value) -> {
            Cell cell = previous.getOrDefault(tags, new Cell());
            cell.value = value;
            next.put(tags, cell);
        });
        cells.set(next);
        List<MultiGauge.Row<?>> rows = next.entrySet().stream()
                .<MultiGauge.Row<?>>map(e -> MultiGauge.Row.of(e.getKey(), e.getValue(), cell -> cell.value)).toList();
        gauge.register(rows, false);
    }

    /** One row's value; the gauge holds it weakly, this map strongly, for as long as the row is exported. */
    private static final class Cell {
        volatile double value;
    }
}
