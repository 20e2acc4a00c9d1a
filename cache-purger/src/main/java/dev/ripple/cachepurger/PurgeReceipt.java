package dev.ripple.cachepurger;

import dev.ripple.events.SourcePosition;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * Proof that a purge was carried out: which targets acknowledged it and when, tier by tier for HTTP targets.
 *
 * @param region the purger's region
 * @param key the edited resource's key
 * @param source the source record of the last purge request it covers
 * @param records how many purge records it covers (more than 1 when identical purges were coalesced)
 * @param targets one acknowledgement per target, in the order they were purged (Redis targets before HTTP ones)
 * @param received when the first record it covers was read
 * @param completed when the last target acknowledged
 */
public record PurgeReceipt(String region, String key, SourcePosition source, int records, List<TargetAck> targets,
        Instant received, Instant completed) {

    public PurgeReceipt {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(source, "source");
        targets = List.copyOf(targets);
        Objects.requireNonNull(received, "received");
        Objects.requireNonNull(completed, "completed");
        if (records < 1) {
            throw new IllegalArgumentException("records must be >= 1, was " + records);
        }
    }

    /**
     * One target's acknowledgement.
     *
     * @param target the target's name
     * @param tiers for an HTTP target, each tier in order with the time its last node acknowledged; empty for Redis
     *     or for a purge with no URLs
     * @param acknowledged when the target acknowledged the whole purge
     */
    public record TargetAck(String target, List<TierAck> tiers, Instant acknowledged) {
        public TargetAck {
            Objects.requireNonNull(target, "target");
            tiers = List.copyOf(tiers);
            Objects.requireNonNull(acknowledged, "acknowledged");
        }
    }

    /**
     * @param tier the tier's name
     * @param requests requests sent to the tier's nodes (URLs × nodes)
     * @param acknowledged when the last of them was acknowledged
     */
    public record TierAck(String tier, int requests, Instant acknowledged) {
        public TierAck {
            Objects.requireNonNull(tier, "tier");
            Objects.requireNonNull(acknowledged, "acknowledged");
        }
    }
}
