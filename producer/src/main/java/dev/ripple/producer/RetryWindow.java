package dev.ripple.producer;

import dev.ripple.runtime.Checks;
import java.time.Duration;

/**
 * How long and for how many events the intake remembers a client's {@code meta.id}, so that a retry of a publish
 * gets the first publish's outcome instead of writing a second record. Immutable.
 *
 * <p>Only ids a client sent are remembered (an id the intake filled in cannot be retried), per producer and stream.
 * A retry within {@code length} of the first publish is answered with its dot once Kafka acknowledged it, waits for
 * it while it is in flight, and publishes anew if it failed. The memory is one intake instance's: a retry that a
 * load balancer sends to another instance is published again (harmless when the event carries a {@code revision},
 * which the replicas' version gate orders).
 *
 * @param length how long after the first publish a retry is recognised
 * @param maxIds most ids remembered at once; the oldest are forgotten first, and forgetting one younger than
 *     {@code length} counts as a hit of limit {@code max_retry_ids}; 0 turns deduplication off
 */
public record RetryWindow(Duration length, int maxIds) {
    /** The most {@link #maxIds} accepted: at up to about 300 bytes of heap each, 300 MB. */
    public static final int MAX_IDS = 1_000_000;

    public RetryWindow {
        Checks.between(length, "retryWindow.length", Duration.ofSeconds(1), Duration.ofDays(1));
        Checks.range(maxIds, "retryWindow.maxIds", 0, MAX_IDS);
    }

    /**
     * 10 minutes, 100,000 ids: 20 to 30 MB of heap when full (181 bytes an id measured with shared stream and topic
     * names; each request's own copies of them add up to about 100).
     */
    public static RetryWindow defaults() {
        return new RetryWindow(Duration.ofMinutes(10), 100_000);
    }

    /** Whether any id is remembered. */
    public boolean enabled() {
        return maxIds > 0;
    }
}
