package dev.ripple.bench.scenarios;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventJson;
import dev.ripple.events.EventMeta;
import dev.ripple.events.Topics;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;

/** The events and topics of the benchmark scenarios: ~200-byte upserts over 5,000 keys, revisions rising. */
final class BenchEvents {
    static final int KEYS = 5_000;

    private BenchEvents() {}

    /** {@code n} upserts to {@code stream}; event i has key {@code key-(i mod 5000)} and revision i. */
    static List<EditEvent> upserts(String stream, int n) {
        List<EditEvent> events = new ArrayList<>(n);
        Instant now = Instant.now();
        for (int i = 0; i < n; i++) {
            EventMeta meta = new EventMeta(UUID.randomUUID().toString(), now, stream, null, null, null, null);
            events.add(EditEvent.upsert(meta, "key-" + (i % KEYS), i, "text/plain", "x".repeat(110)));
        }
        return events;
    }

    /** The lane of {@code lanes} that owns event i's key ({@link #upserts}): every event of a key has one lane. */
    static int laneOf(int i, int lanes) {
        return (i % KEYS) % lanes;
    }

    /** The revision of an edit event's JSON, or null when the value is not an edit event. */
    static Long revision(byte[] value) {
        try {
            JsonNode node = EventJson.mapper().readTree(value);
            return node.has("revision") ? node.get("revision").asLong() : null;
        } catch (IOException e) {
            return null;
        }
    }

    /** Creates topics with {@code partitions} partitions and waits until they can be written. */
    static void createTopics(String bootstrap, int partitions, String... names) throws Exception {
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            Topics.createAndAwait(admin, List.of(names), partitions, Duration.ofSeconds(30));
        }
    }
}
