package dev.ripple.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * A conit's state in every region, as the conit tracker publishes it on {@code ripple.conit-status} (compacted,
 * keyed by conit; DESIGN.md section 6.2). The intake reads it to throttle writes, the read API to gate reads.
 *
 * @param conit the conit's name
 * @param enforcement {@code gate-reads}, {@code throttle-writes} or {@code alert}
 * @param bounds the conit's bounds as configured
 * @param regions per region name
 * @param at when it was measured
 */
public record ConitStatus(String conit, String enforcement, Bounds bounds, Map<String, Region> regions,
        Instant at) {
    public ConitStatus {
        Objects.requireNonNull(conit, "conit");
        Objects.requireNonNull(enforcement, "enforcement");
        Objects.requireNonNull(bounds, "bounds");
        Objects.requireNonNull(at, "at");
        regions = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(regions,
                "regions")));
    }

    /**
     * A conit's bounds; a null bound is not enforced.
     *
     * @param stalenessMs the oldest unapplied write's greatest age, in milliseconds
     * @param maxUnapplied the most unapplied writes
     * @param maxWeight the greatest sum of unapplied writes' weights
     */
    public record Bounds(@JsonProperty("staleness_ms") Long stalenessMs,
            @JsonProperty("max_unapplied") Long maxUnapplied, @JsonProperty("max_weight") Double maxWeight) {}

    /**
     * One region's errors against the conit's bounds.
     *
     * @param orderError accepted writes of the conit not yet applied there
     * @param numericalError the sum of their weights
     * @param stalenessMs now minus the time of the oldest of them; 0 when none
     * @param violations the bounds exceeded, each as {@code bound: actual > limit}; empty when within bounds
     */
    public record Region(@JsonProperty("order_error") long orderError,
            @JsonProperty("numerical_error") double numericalError, @JsonProperty("staleness_ms") long stalenessMs,
            List<String> violations) {
        public Region {
            violations = List.copyOf(Objects.requireNonNull(violations, "violations"));
        }

        @JsonIgnore
        public boolean withinBounds() {
            return violations.isEmpty();
        }
    }

    /** Regions past a bound, by name. */
    @JsonIgnore
    public List<String> regionsOutOfBounds() {
        return regions.entrySet().stream().filter(e -> !e.getValue().withinBounds()).map(Map.Entry::getKey)
                .toList();
    }
}
