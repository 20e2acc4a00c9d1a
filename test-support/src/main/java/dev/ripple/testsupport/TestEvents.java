package dev.ripple.testsupport;

import dev.ripple.events.EditEvent;
import dev.ripple.events.EventMeta;
import dev.ripple.events.Op;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Edit events for tests, all from region {@code eqiad} at {@link #DT}. */
public final class TestEvents {
    /** The event time of every event made here. */
    public static final Instant DT = Instant.parse("2026-11-22T10:00:00Z");

    private TestEvents() {}

    /**
     * An upsert on stream {@code edits}, domain {@code en.example.org}, with the id {@code id-<key>-<revision>}:
     * equal arguments give equal events.
     */
    public static EditEvent upsert(String key, long revision) {
        return event(key, Op.UPSERT, revision, null, "en.example.org");
    }

    /** An event on stream {@code edits}, id {@code id-<key>-<revision>}; an upsert has the body {@code body <revision>}. */
    public static EditEvent event(String key, Op op, Long revision, Long baseRevision, String domain) {
        EventMeta meta = new EventMeta("id-" + key + "-" + revision, DT, "edits", null, domain, null, "eqiad");
        return new EditEvent(EditEvent.SCHEMA, meta, key, op, revision, baseRevision, "text/plain",
                op == Op.UPSERT ? "body " + revision : null, List.of(), null, null, null);
    }

    /** An upsert on {@code stream} with a random id and no domain: each call is a new event. */
    public static EditEvent upsert(String stream, String key, long revision) {
        EventMeta meta = new EventMeta(UUID.randomUUID().toString(), DT, stream, null, null, null, "eqiad");
        return EditEvent.upsert(meta, key, revision, "text/plain", "revision " + revision + " of " + key);
    }
}
