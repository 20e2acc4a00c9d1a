package dev.ripple.replica.internal;

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

/** Region records for the internal unit tests: source topic {@code ripple.stream.edits}, epoch 1. */
final class TestRecords {
    static final String TOPIC = "ripple.stream.edits";
    static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");

    private TestRecords() {}

    static ReplicationRecord upsert(String key, int partition, long offset, Position deps) {
        EventMeta meta = new EventMeta("id-" + partition + "-" + offset, T0, "edits", null, null, null, null);
        EditEvent event = new EditEvent(EditEvent.SCHEMA, meta, key, Op.UPSERT, offset, null, "text/plain",
                "body of " + key, List.of(), null, null, null);
        return new ReplicationRecord(event, new SourcePosition(TOPIC, partition, offset, T0.plusMillis(offset)), deps,
                new RuleRef("r", 1), new Trace(T0, T0));
    }

    static Watermark watermark(int partition, long offset) {
        return new Watermark(new SourcePosition(TOPIC, partition, offset, T0.plusMillis(offset)));
    }

    static Position deps(int partition, long offset) {
        return Position.of(1, TOPIC, partition, offset);
    }

    static Position none() {
        return Position.empty(1);
    }
}
