package dev.ripple.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.consistency.Position;
import dev.ripple.consistency.TopicPartitionKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class EventSerdesTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final SourcePosition SOURCE = new SourcePosition("ripple.stream.edits", 3, 41, T0);
    private static final EventMeta META = new EventMeta("b0c1a8a2-4d4e-4f1e-9c55-3e7c7d0e2a11", T0, "edits",
            null, null, null, "eqiad");
    private static final Trace TRACE = new Trace(T0.plusMillis(2), T0.plusMillis(5));
    private static final RuleRef RULE = new RuleRef("page-edits", 7);

    @Test
    void shouldRoundTripReplicationRecordsAndWatermarksOnARegionTopic() {
        JsonSerde<RegionRecord> serde = EventSerdes.regionRecord();
        RegionRecord replicate = new ReplicationRecord(EditEvent.upsert(META, "enwiki:Main_Page", 42, "text/html",
                "<p>hi</p>"), SOURCE, Position.of(1, "ripple.stream.edits", 0, 17), RULE, TRACE);
        RegionRecord watermark = new Watermark(SOURCE);

        byte[] bytes = serde.serialize("ripple.replicate.eqiad", replicate);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"kind\":\"replicate\"",
                "\"deps\":{\"epoch\":1,\"offsets\":{\"ripple.stream.edits:0\":17}}");
        assertThat(serde.deserialize("ripple.replicate.eqiad", bytes)).isEqualTo(replicate);
        assertThat(serde.deserialize("t", serde.serialize("t", watermark))).isEqualTo(watermark);
    }

    @Test
    void shouldRoundTripPurgeRequestsAndConitEntries() {
        PurgeRecord purge = new PurgeRequest("enwiki:Main_Page", List.of("page:enwiki:Main_Page"),
                List.of("https://en.example.org/wiki/Main_Page"), List.of(), 42L, SOURCE, RULE, TRACE);
        ConitLogEntry entry = new ConitLogEntry("enwiki-pages", SOURCE, 2.5);

        assertThat(EventSerdes.purgeRecord().deserialize("t", EventSerdes.purgeRecord().serialize("t", purge)))
                .isEqualTo(purge);
        assertThat(EventSerdes.conitLogEntry().deserialize("t",
                EventSerdes.conitLogEntry().serialize("t", entry))).isEqualTo(entry);
    }

    @Test
    void shouldRoundTripARegionsAppliedPositionWithItsSourceTimes() {
        RegionPosition position = new RegionPosition("eqiad", Position.of(1, "ripple.stream.edits", 3, 41),
                Map.of("ripple.stream.edits:3", T0), T0.plusMillis(7));

        byte[] bytes = EventSerdes.regionPosition().serialize("ripple.positions", position);

        assertThat(new String(bytes, StandardCharsets.UTF_8)).contains("\"region\":\"eqiad\"",
                "\"applied\":{\"epoch\":1,\"offsets\":{\"ripple.stream.edits:3\":41}}",
                "\"source_dt\":{\"ripple.stream.edits:3\":\"2026-11-22T10:00:00Z\"}");
        assertThat(EventSerdes.regionPosition().deserialize("ripple.positions", bytes)).isEqualTo(position);
        assertThat(position.sourceDt(TopicPartitionKey.of("ripple.stream.edits", 3))).isEqualTo(T0);
    }

    @Test
    void shouldRefuseARegionPositionWithABadRegionNameOrEntry() {
        Position applied = Position.empty(1);
        assertThatThrownBy(() -> new RegionPosition("Bad Region", applied, Map.of(), T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("region");
        assertThatThrownBy(() -> new RegionPosition("eqiad", applied, Map.of("no-partition", T0), T0))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no-partition");
    }

    @Test
    void shouldNameTheTopicAndTypeWhenAValueCannotBeRead() {
        byte[] garbage = "{\"kind\":\"replicate\",\"source\":".getBytes(StandardCharsets.UTF_8);
        assertThatThrownBy(() -> EventSerdes.regionRecord().deserialize("ripple.replicate.eqiad", garbage))
                .isInstanceOf(SerializationException.class)
                .hasMessageContaining("RegionRecord").hasMessageContaining("ripple.replicate.eqiad");
    }

    @Test
    void shouldRefuseAPurgeThatPurgesNothing() {
        assertThatThrownBy(() -> new PurgeRequest("k", List.of(), List.of(), List.of(), null, SOURCE, RULE, TRACE))
                .hasMessageContaining("must name a key, URL or tag");
    }
}
