package dev.ripple.replica.archfixture;

import dev.ripple.events.FailedRecord;
import dev.ripple.events.RetryEnvelope;
import java.time.Instant;

/** Breaks the dead-letter rule on purpose: a service building the envelope itself. */
public final class OwnDeadLetterEnvelope {
    private OwnDeadLetterEnvelope() {}

    static RetryEnvelope envelope(FailedRecord original) {
        Instant now = Instant.now();
        return new RetryEnvelope(original, "own", 1, now, now, "replica.x");
    }
}
