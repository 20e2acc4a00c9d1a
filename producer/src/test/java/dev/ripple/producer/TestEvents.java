package dev.ripple.producer;

import dev.ripple.consistency.SessionKeyring;
import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventMeta;
import dev.ripple.events.Topics;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;

/** Events, tokens and topics for producer tests. */
final class TestEvents {
    static final SessionTokenCodec CODEC = SessionTokenCodec.of(SessionKeyring.of("test-key",
            "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)));

    private TestEvents() {}

    static EditEvent upsert(String stream, String key, long revision) {
        EventMeta meta = new EventMeta(UUID.randomUUID().toString(), Instant.parse("2026-11-22T10:00:00Z"), stream,
                null, null, null, "eqiad");
        return EditEvent.upsert(meta, key, revision, "text/plain", "revision " + revision + " of " + key);
    }

    /** Creates a topic and waits until it can be written (see {@link Topics}). */
    static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            Topics.createAndAwait(admin, List.of(topic), partitions, Duration.ofSeconds(30));
        }
    }
}
