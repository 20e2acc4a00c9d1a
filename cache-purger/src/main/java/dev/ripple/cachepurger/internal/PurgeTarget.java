package dev.ripple.cachepurger.internal;

import dev.ripple.cachepurger.PurgeReceipt.TargetAck;
import dev.ripple.events.PurgeRequest;
import dev.ripple.runtime.failure.Failures;
import dev.ripple.runtime.http.Guard;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/** One cache of a region, purged through its {@link Guard}. */
interface PurgeTarget extends AutoCloseable {
    /** One request's outcome at one target: its acknowledgement, or (ack null) why it was given up. */
    record Result(TargetAck ack, Throwable failure) {
        static Result of(TargetAck ack, Throwable failure) {
            return failure == null ? new Result(ack, null) : new Result(null, Failures.unwrap(failure));
        }
    }

    String name();

    Guard guard();

    /**
     * Purges every request of a batch (of distinct keys). Never blocks. One future for the whole batch, so that a
     * target that answers a batch at once (Redis) costs one completion, not one per request.
     *
     * @return per request, in order, its result; a request given up goes to the dead-letter topic. Never fails.
     */
    CompletableFuture<List<Result>> purge(List<PurgeRequest> batch);

    /** Releases connections. */
    @Override
    void close();
}
