package dev.ripple.cachepurger.internal;

import dev.ripple.cachepurger.PurgeReceipt.TargetAck;
import dev.ripple.events.PurgeRequest;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One cache of a region, purged through its {@link Guard}. */
interface PurgeTarget extends AutoCloseable {
    String name();

    Guard guard();

    /**
     * Purges every request of a batch (of distinct keys). Never blocks.
     *
     * @return one future per request, in order: the target's acknowledgement, or failed with why the purge was
     *     given up (it then goes to the dead-letter topic)
     */
    List<CompletableFuture<TargetAck>> purge(List<PurgeRequest> batch);

    /** Releases connections. */
    @Override
    void close();
}
