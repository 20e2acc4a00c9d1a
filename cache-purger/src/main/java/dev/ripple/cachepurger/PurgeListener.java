package dev.ripple.cachepurger;

import dev.ripple.events.PurgeRequest;
import dev.ripple.runtime.http.BreakerState;

/**
 * Told what a {@link CachePurger} did. Called on the purger's I/O threads, possibly concurrently: keep it quick and
 * thread-safe. A listener that throws is logged and otherwise ignored.
 */
public interface PurgeListener {
    /** Every target acknowledged a purge (the receipt says when, tier by tier). */
    default void purged(PurgeReceipt receipt) {}

    /** A purge went to {@code ripple.dlq.purger.<region>} with {@code reason}. */
    default void deadLettered(PurgeRequest request, String reason) {}

    /** A target's circuit breaker changed state. */
    default void breakerChanged(String target, BreakerState from, BreakerState to) {}
}
