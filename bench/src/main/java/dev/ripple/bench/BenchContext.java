package dev.ripple.bench;

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
 * @param sustained how {@code e2e --sustained} steps its rate; null without {@code --sustained}
 */
public record BenchContext(String bootstrapServers, boolean brokerInProcess, String redisUri, int events, int rate,
        Sustained sustained) {
    public BenchContext(String bootstrapServers, boolean brokerInProcess, String redisUri, int events, int rate) {
        this(bootstrapServers, brokerInProcess, redisUri, events, rate, null);
    }

    public BenchContext {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (events < 1) {
            throw new IllegalArgumentException("Invalid value " + events + " for events: must be at least 1");
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
