package dev.ripple.events;

import java.time.Instant;
import java.util.Objects;

/**
 * A record a consumer failed on, on {@code ripple.retry.<consumer>} or {@code ripple.dlq.<consumer>} (keyed by
 * the original key). DLQ records can be replayed: {@link #original()} holds the record byte for byte.
 *
 * @param original the record as it was read
 * @param reason why it failed, for an operator
 * @param attempts how many times it was tried (at least 1)
 * @param firstFailure when it first failed
 * @param lastFailure when it last failed
 * @param consumer who failed on it, e.g. {@code replica.eqiad}
 */
public record RetryEnvelope(FailedRecord original, String reason, int attempts, Instant firstFailure,
        Instant lastFailure, String consumer) {
    public RetryEnvelope {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(firstFailure, "firstFailure");
        Objects.requireNonNull(lastFailure, "lastFailure");
        Objects.requireNonNull(consumer, "consumer");
        if (attempts < 1) {
            throw new IllegalArgumentException("attempts must be >= 1, was " + attempts);
        }
        if (lastFailure.isBefore(firstFailure)) {
            throw new IllegalArgumentException("lastFailure " + lastFailure + " is before firstFailure "
                    + firstFailure);
        }
    }

    /** The envelope after one more failed attempt at {@code when}. */
    public RetryEnvelope failedAgain(String newReason, Instant when) {
        return new RetryEnvelope(original, newReason, attempts + 1, firstFailure, when, consumer);
    }
}
