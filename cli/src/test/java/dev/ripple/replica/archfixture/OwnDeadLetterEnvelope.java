package dev.ripple.replica.archfixture;

import dev.ripple.events.DeadLetterRecord;
import dev.ripple.events.FailedRecord;
import java.time.Instant;

/** Breaks the dead-letter rule on purpose: a service building the dead-letter record itself. */
public final class OwnDeadLetterEnvelope {
    private OwnDeadLetterEnvelope() {}

    static DeadLetterRecord envelope(FailedRecord original) {
        Instant now = Instant.now();
        return new DeadLetterRecord(original, "own", 1, now, now, "replica.x", -1);
    }
}
