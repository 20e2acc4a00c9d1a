package dev.ripple.propagator;

import dev.ripple.runtime.Checks;
import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * How the propagator delivers what it routes (DESIGN.md 4, "Delivery modes"), chosen per deployment.
 *
 * <ul>
 *   <li>{@link #EXACTLY_ONCE} — Streams {@code exactly_once_v2}: outputs, store changelogs and source offsets
 *       commit in one transaction; region topics hold every accepted event once, and read-committed appliers and
 *       purgers see a record only at the commit after it (up to the commit interval, plus the commit itself).</li>
 *   <li>{@link #AT_LEAST_ONCE} — Streams {@code at_least_once}: outputs are plain idempotent sends, readable as soon
 *       as the broker has them; after a crash the events since the last commit are routed again. The version gate
 *       re-emits an event whose own version its store already holds (a replay), and the appliers' version-gated
 *       applies and idempotent purges make the copies harmless. The producer lingers 1 ms instead of Streams' 100 ms
 *       ({@code producer.linger.ms}): no commit flushes it any more, so the linger is every output's wait.</li>
 * </ul>
 */
public enum Delivery {
    EXACTLY_ONCE("exactly-once", "exactly_once_v2", Map.of()),
    AT_LEAST_ONCE("at-least-once", "at_least_once", Map.of("producer.linger.ms", 1));

    private final String label;
    private final String guarantee;
    private final Map<String, Object> settings;

    Delivery(String label, String guarantee, Map<String, Object> settings) {
        this.label = label;
        this.guarantee = guarantee;
        this.settings = settings;
    }

    /** The name operators write: {@code exactly-once} or {@code at-least-once}. */
    public String label() {
        return label;
    }

    /** Streams' {@code processing.guarantee} for it. */
    public String guarantee() {
        return guarantee;
    }

    /** Streams settings beyond the guarantee that the mode needs (a prefixed producer setting, or none). */
    public Map<String, Object> settings() {
        return settings;
    }

    /**
     * The mode named {@code label} ({@link #label()}, case-insensitive, {@code _} for {@code -} accepted).
     *
     * @throws IllegalArgumentException naming the value and the choices
     */
    public static Delivery of(String label, String configName) {
        String wanted = label == null ? "" : label.trim().toLowerCase(Locale.ROOT).replace('_', '-');
        return Arrays.stream(values()).filter(d -> d.label.equals(wanted)).findFirst().orElseThrow(() ->
                Checks.invalid(label, configName, "must be one of " + Arrays.stream(values()).map(Delivery::label)
                        .collect(Collectors.joining(", "))));
    }

    @Override
    public String toString() {
        return label;
    }
}
