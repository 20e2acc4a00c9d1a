package dev.ripple.conittracker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.ConitDoc;
import dev.ripple.consistency.ConitWrite;
import dev.ripple.consistency.TopicPartitionKey;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class SourceWritesTest {
    private static final String TOPIC = "ripple.stream.edits";
    private static final long ACCEPTED = Instant.parse("2026-12-01T10:00:00Z").toEpochMilli();
    private static final ConfigSnapshot CONFIG = ConfigSnapshot.of(3, List.of(
            new ConitDoc("pages", ConitDoc.KeyPattern.glob("enwiki:*"), new ConitDoc.Bounds(500L, null, null),
                    ConitDoc.Enforcement.GATE_READS),
            new ConitDoc("main", ConitDoc.KeyPattern.glob("*:Main_Page"), new ConitDoc.Bounds(null, 3L, null),
                    ConitDoc.Enforcement.THROTTLE_WRITES)));
    private final SourceWrites writes = new SourceWrites();

    private static byte[] event(String key, String dt, String weight) {
        return ("{\"meta\": {\"id\": \"x\", \"dt\": \"" + dt + "\", \"stream\": \"edits\"}, \"key\": \"" + key
                + "\", \"op\": \"upsert\"" + (weight == null ? "" : ", \"weight\": " + weight) + "}")
                .getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void shouldMakeOneWriteForEveryConitCoveringTheKeyTimedByTheRecordNotByMetaDt() {
        // given a write accepted at ACCEPTED whose client says it happened an hour earlier
        byte[] value = event("enwiki:Main_Page", "2026-12-01T09:00:00Z", "2.5");

        // when the tracker reads it a little later
        List<ConitWrite> made = writes.of(CONFIG, TOPIC, 4, 17, "enwiki:Main_Page", value, ACCEPTED, ACCEPTED + 30);

        // then it is a write of both conits at its source dot, timed by the record, with the event's weight
        assertThat(made).extracting(ConitWrite::conit).containsExactlyInAnyOrder("pages", "main");
        assertThat(made).allSatisfy(w -> {
            assertThat(w.source()).isEqualTo(TopicPartitionKey.of(TOPIC, 4));
            assertThat(w.offset()).isEqualTo(17);
            assertThat(w.dt()).isEqualTo(Instant.ofEpochMilli(ACCEPTED));
            assertThat(w.weight()).isEqualTo(2.5);
        });
    }

    @Test
    void shouldCapARecordTimeAheadOfTheTrackerAtWhenTheTrackerReadIt() {
        // given a record stamped by a host whose clock runs an hour ahead of the tracker's
        byte[] value = event("enwiki:X", "2026-12-01T11:00:00Z", null);

        List<ConitWrite> made = writes.of(CONFIG, TOPIC, 0, 1, "enwiki:X", value, ACCEPTED + 3_600_000, ACCEPTED);

        // then its age counts from when the tracker read it, so it still ages, and its weight defaults to 1
        assertThat(made).singleElement().satisfies(w -> {
            assertThat(w.dt()).isEqualTo(Instant.ofEpochMilli(ACCEPTED));
            assertThat(w.weight()).isEqualTo(1.0);
        });
    }

    @Test
    void shouldMakeNoWriteForAKeyNoConitCovers() {
        assertThat(writes.of(CONFIG, TOPIC, 0, 1, "dewiki:Hauptseite", event("dewiki:Hauptseite", "x", null),
                ACCEPTED, ACCEPTED)).isEmpty();
        assertThat(writes.of(CONFIG, TOPIC, 0, 1, null, null, ACCEPTED, ACCEPTED)).isEmpty();
    }
}
