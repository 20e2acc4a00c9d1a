package dev.ripple.bench;

import dev.ripple.propagator.Delivery;
import java.util.Objects;

/**
 * What a scenario runs against.
 *
 * @param bootstrapServers the broker; in-process unless the operator gave one
 * @param brokerInProcess whether the broker's threads are in this JVM (then its CPU time is measured apart)
 * @param redisUri a Redis for scenarios that need one
 * @param events events per round
 * @param rate events per second for the scenarios that publish at a fixed rate ({@code e2e}); 0 when the operator
 *     gave none and the scenario picks its own ({@link #rateOr})
 * @param delivery the propagator's delivery mode in the {@code ripple up} a scenario starts ({@code e2e})
 * @param sustained how {@code e2e --sustained} steps its rate; null without {@code --sustained}
 * @param dependents {@code fanout}: the dependents of the key it edits
 * @param fanoutRate {@code fanout}: the stream's {@code fanout_rate_per_s}; 0 for the scenario's own
 * @param fanoutMaxLagMs {@code fanout}: the stream's {@code fanout_max_lag_ms}; 0 for the config's default
 */
public record BenchContext(String bootstrapServers, boolean brokerInProcess, String redisUri, int events, int rate,
        Delivery delivery, Sustained sustained, int dependents, int fanoutRate, long fanoutMaxLagMs) {
    public BenchContext {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(delivery, "delivery");
        if (events < 1) {
            throw new IllegalArgumentException("Invalid value " + events + " for events: must be at least 1");
        }
        if (dependents < 2 || fanoutRate < 0) {
            throw new IllegalArgumentException("Invalid value " + dependents + " for dependents or " + fanoutRate
                    + " for the fan-out rate: give at least 2 dependents and a rate of at least 1/s (0: the "
                    + "scenario's own)");
        }
        if (fanoutMaxLagMs < 0) {
            throw new IllegalArgumentException("Invalid value " + fanoutMaxLagMs + " for the fan-out's max lag: "
                    + "give at least 10 ms, or 0 for the config's default");
        }
        if (rate < 0) {
            throw new IllegalArgumentException("Invalid value " + rate + " for rate: must be at least 1 event/s, "
                    + "or 0 for the scenario's own");
        }
    }

    /** The operator's rate, or {@code fallback} events/s when none was given. */
    public int rateOr(int fallback) {
        return rate > 0 ? rate : fallback;
    }
}
