package dev.ripple.events.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.consistency.Position;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.events.ConitLogEntry;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventJson;
import dev.ripple.events.EventMeta;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.Op;
import dev.ripple.events.PurgeRequest;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.RuleRef;
import dev.ripple.events.SourcePosition;
import dev.ripple.events.Trace;
import dev.ripple.events.Watermark;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The faster JSON writes and reads exactly what the shared wire mapper does (examples; see FastJsonAgreementTest). */
class FastJsonTest {
    private static final List<Instant> INSTANTS = List.of(Instant.parse("2026-11-22T10:00:00Z"),
            Instant.parse("2026-11-22T10:00:00.100Z"), Instant.parse("2026-11-22T10:00:00.000001Z"),
            Instant.parse("2026-11-22T10:00:00.123456789Z"), Instant.parse("2026-11-22T10:00:00.120Z"),
            Instant.parse("2026-11-22T10:00:00.123400Z"), Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.5Z"),
            Instant.parse("9999-12-31T23:59:59.999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
            Instant.parse("0001-01-01T00:00:00Z"));

    @Test
    void shouldWriteRegionPurgeAndConitRecordsByteForByteAsTheWireSerdes() {
        SourcePosition source = new SourcePosition("ripple.stream.edits", 3, 12_345,
                Instant.parse("2026-11-22T10:00:00.123456Z"));
        Trace trace = new Trace(Instant.parse("2026-11-22T10:00:00.2Z"), Instant.parse("2026-11-22T10:00:01Z"));
        Position deps = Position.of(7, Map.of(new TopicPartitionKey("ripple.stream.edits", 0), 17L,
                new TopicPartitionKey("ripple.stream.edits", 5), 2L, new TopicPartitionKey("ripple.stream.talk", 1),
                0L));
        for (Position dependencies : List.of(deps, Position.empty(3))) {
            for (EditEvent event : List.of(event(Instant.parse("2026-11-22T09:59:59.999Z")), event(Instant.EPOCH))) {
                ReplicationRecord replication = new ReplicationRecord(event, source, dependencies,
                        new RuleRef("page-edits", 4), trace);
                assertThat(text(FastJson.regionRecord().serialize("t", replication)))
                        .isEqualTo(text(EventSerdes.regionRecord().serialize("t", replication)));
            }
        }
        PurgeRequest purge = new PurgeRequest("enwiki:Main_Page", List.of("page:enwiki:Main_Page"),
                List.of("https://en.example.org/wiki/Main_Page"), List.of(), 42L, source, new RuleRef("r", 1), trace);
        assertThat(text(FastJson.purgeRecord().serialize("t", purge)))
                .isEqualTo(text(EventSerdes.purgeRecord().serialize("t", purge)));
        assertThat(text(FastJson.regionRecord().serialize("t", new Watermark(source))))
                .isEqualTo(text(EventSerdes.regionRecord().serialize("t", new Watermark(source))));
        ConitLogEntry entry = new ConitLogEntry("enwiki", source, 1.5);
        assertThat(text(FastJson.conitLogEntry().serialize("t", entry)))
                .isEqualTo(text(EventSerdes.conitLogEntry().serialize("t", entry)));
    }

    @Test
    void shouldReadEditEventsAsTheWireMapperDoes() throws IOException {
        for (Instant dt : INSTANTS) {
            byte[] json = EventSerdes.editEvent().serialize("t", event(dt));
            assertThat(FastJson.readEditEvent(json)).isEqualTo(EventJson.mapper().readValue(json, EditEvent.class));
        }
        byte[] offset = EventSerdes.editEvent().serialize("t", event(Instant.EPOCH)).clone();
        String withOffset = text(offset).replace("1970-01-01T00:00:00Z", "1970-01-01T01:00:00+01:00");
        assertThat(FastJson.readEditEvent(bytes(withOffset)).meta().dt())
                .isEqualTo(EventJson.mapper().readValue(bytes(withOffset), EditEvent.class).meta().dt());
        String invalid = text(offset).replace("1970-01-01T00:00:00Z", "1970-02-30T00:00:00Z");
        assertThatThrownBy(() -> EventJson.mapper().readValue(bytes(invalid), EditEvent.class))
                .isInstanceOf(IOException.class);
        assertThatThrownBy(() -> FastJson.readEditEvent(bytes(invalid))).isInstanceOf(IOException.class);
    }

    private static EditEvent event(Instant dt) {
        EventMeta meta = new EventMeta("id-1", dt, "edits", "https://en.example.org/wiki/Main_Page",
                "en.example.org", "req-1", "eqiad");
        return new EditEvent(EditEvent.SCHEMA, meta, "enwiki:Main_Page", Op.UPSERT, 42L, 41L, "text/html",
                "<p>é \"quoted\"</p>", List.of("page:enwiki:Main_Page"), 2.0, null, null);
    }

    private static String text(byte[] bytes) {
        return new String(bytes, StandardCharsets.UTF_8);
    }

    private static byte[] bytes(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
