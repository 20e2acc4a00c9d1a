package dev.ripple.producer;

import dev.ripple.consistency.SessionKeyring;
import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventMeta;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.awaitility.Awaitility;

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

    /**
     * Creates a topic and waits until the broker knows a leader for every partition: publishing into a topic
     * in its first milliseconds gets NOT_LEADER_OR_FOLLOWER, and an idempotent producer's retry of it can then
     * stall on OUT_OF_ORDER_SEQUENCE until the delivery timeout.
     */
    static void createTopic(String bootstrap, String topic, int partitions) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            admin.createTopics(List.of(new NewTopic(topic, partitions, (short) 1))).all().get();
            Awaitility.await().atMost(Duration.ofSeconds(30)).until(() -> admin.describeTopics(List.of(topic))
                    .allTopicNames().get().get(topic).partitions().stream().allMatch(p -> p.leader() != null));
        }
    }
}
