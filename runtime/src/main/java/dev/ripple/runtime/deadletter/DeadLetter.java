package dev.ripple.runtime.deadletter;

import dev.ripple.events.FailedRecord;
import java.time.Instant;
import java.util.Objects;

/**
 * A record given up on, as a caller hands it to a {@link DeadLetterWriter} or {@link DeadLetterEncoder}.
 *
 * @param original the record as it was read (offset -1 for one that never reached Kafka)
 * @param reason why it was given up, for an operator
 * @param attempts how many times it was tried, at least 1
 * @param firstFailure when it first failed
 */
public record DeadLetter(FailedRecord original, String reason, int attempts, Instant firstFailure) {
    public DeadLetter {
        Objects.requireNonNull(original, "original");
        Objects.requireNonNull(reason, "reason");
        Objects.requireNonNull(firstFailure, "firstFailure");
        if (attempts < 1) {
            throw new IllegalArgumentException("Invalid attempts " + attempts + ": must be at least 1");
        }
    }

    /** A record that failed once, at {@code when}. */
    public static DeadLetter once(FailedRecord original, String reason, Instant when) {
        return new DeadLetter(original, reason, 1, when);
    }
}
