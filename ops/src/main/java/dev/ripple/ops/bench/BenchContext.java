package dev.ripple.ops.bench;

import java.util.Objects;

/**
 * What a scenario runs against.
 *
 * @param bootstrapServers the broker; in-process unless the operator gave one
 * @param brokerInProcess whether the broker's threads are in this JVM (then its CPU time is measured apart)
 * @param redisUri a Redis for scenarios that need one
 * @param events events per round
 */
public record BenchContext(String bootstrapServers, boolean brokerInProcess, String redisUri, int events) {
    public BenchContext {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (events < 1) {
            throw new IllegalArgumentException("Invalid value " + events + " for events: must be at least 1");
        }
    }
}
