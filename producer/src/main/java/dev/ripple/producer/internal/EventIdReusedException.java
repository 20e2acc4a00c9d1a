package dev.ripple.producer.internal;

import dev.ripple.producer.ProducerException;

/**
 * An event's {@code meta.id} was published recently by the same producer to the same stream for a different event;
 * this one was not written (status 409).
 */
final class EventIdReusedException extends ProducerException {
    EventIdReusedException(String producer, String stream, String id, long ageMillis) {
        super("meta.id " + id + " was published by producer " + producer + " to stream '" + stream + "' "
                + Math.max(1, ageMillis / 1000) + " s ago for a different event (its key, op, revision, body, tags or "
                + "meta.uri differ); this event was not written. Give every event its own id, and repeat an event "
                + "unchanged when retrying it.");
    }
}
