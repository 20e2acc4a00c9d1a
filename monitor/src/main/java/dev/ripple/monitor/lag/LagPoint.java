package dev.ripple.monitor.lag;

import java.time.Instant;
import java.util.Objects;

/**
 * A group's lag at one sample, kept in the monitor's bounded history for charts.
 *
 * @param at when it was sampled
 * @param lag records not consumed, summed over partitions
 * @param timeLagMs the largest partition time lag, in ms
 * @param status the group's status then
 */
public record LagPoint(Instant at, long lag, long timeLagMs, LagStatus status) {
    public LagPoint {
        Objects.requireNonNull(at, "at");
        Objects.requireNonNull(status, "status");
    }
}
