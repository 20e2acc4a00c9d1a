package dev.ripple.producer.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.events.EditEvent;
import dev.ripple.events.ValidationProblem;
import java.util.List;

/** One event of a request after preparation: ready to publish, or refused with its problems. */
sealed interface Prepared {
    int index();

    /**
     * Valid, allowed and within limits.
     *
     * @param json the event as its stream topic's record value: written once, to check its size and to send it
     * @param idGiven whether the client sent {@code meta.id} (else the intake made one up, and no retry can repeat it)
     */
    record Valid(int index, EditEvent event, byte[] json, boolean idGiven) implements Prepared {}

    /**
     * Refused before anything was written.
     *
     * @param status 400 (invalid), 403 (stream not allowed for the producer) or 413 (over the size limit)
     * @param eventId the event's id if it had or was given one, else null
     * @param raw the event as received, for the dead-letter topic
     */
    record Invalid(int index, int status, String eventId, JsonNode raw, List<ValidationProblem> problems)
            implements Prepared {}
}
