package dev.ripple.propagator;

import dev.ripple.events.EditEvent;
import dev.ripple.events.EventMeta;
import dev.ripple.events.Op;
import java.time.Instant;
import java.util.List;

/** Edit events for tests. */
final class TestEvents {
    static final Instant DT = Instant.parse("2026-11-22T10:00:00Z");

    private TestEvents() {}

    static EditEvent upsert(String key, long revision) {
        return event(key, Op.UPSERT, revision, null, "en.example.org");
    }

    static EditEvent event(String key, Op op, Long revision, Long baseRevision, String domain) {
        EventMeta meta = new EventMeta("id-" + key + "-" + revision, DT, "edits", null, domain, null, "eqiad");
        return new EditEvent(EditEvent.SCHEMA, meta, key, op, revision, baseRevision, "text/plain",
                op == Op.UPSERT ? "body " + revision : null, List.of(), null, null, null);
    }
}
