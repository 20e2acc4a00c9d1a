package dev.ripple.replica;

import dev.ripple.consistency.Position;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventMeta;
import dev.ripple.events.Op;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.RuleRef;
import dev.ripple.events.SourcePosition;
import dev.ripple.events.Trace;
import dev.ripple.events.Watermark;
import java.time.Instant;
import java.util.List;
import java.util.UUID;

/** Region records for tests: source topic {@code ripple.stream.edits}, epoch 1. */
final class Records {
    static final String TOPIC = "ripple.stream.edits";
    static final long EPOCH = 1;
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    static final RuleRef RULE = new RuleRef("page-edits", 1);

    private Records() {}

    static ReplicationRecord upsert(String key, int partition, long offset, Long revision, String body) {
        return record(key, Op.UPSERT, partition, offset, revision, body, Position.empty(EPOCH));
    }

    static ReplicationRecord delete(String key, int partition, long offset, Long revision) {
        return record(key, Op.DELETE, partition, offset, revision, null, Position.empty(EPOCH));
    }

    static ReplicationRecord record(String key, Op op, int partition, long offset, Long revision, String body,
            Position deps) {
        EventMeta meta = new EventMeta(UUID.randomUUID().toString(), T0.plusMillis(offset), "edits", null, null,
                null, "eqiad");
        EditEvent event = new EditEvent(EditEvent.SCHEMA, meta, key, op, revision, null,
                body == null ? null : "text/plain", body, List.of(), null, null, null);
        Instant at = T0.plusMillis(offset);
        return new ReplicationRecord(event, source(partition, offset), deps, RULE, new Trace(at, at));
    }

    static Watermark watermark(int partition, long offset) {
        return new Watermark(source(partition, offset));
    }

    static SourcePosition source(int partition, long offset) {
        return new SourcePosition(TOPIC, partition, offset, T0.plusMillis(offset));
    }
}
