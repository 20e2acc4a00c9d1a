package dev.ripple.producer.internal;

import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.StreamDoc;
import dev.ripple.events.TopicNames;
import io.javalin.http.Context;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.DescribeClusterOptions;

/** {@code GET /v1/streams} (what producers may publish to), and whether Kafka is reachable (for readiness). */
final class StreamsEndpoint {
    private static final int READY_TIMEOUT_MS = 2_000;

    private final Supplier<ConfigSnapshot> snapshot;
    private final TopicNames topics;
    private final Admin admin;

    StreamsEndpoint(Supplier<ConfigSnapshot> snapshot, TopicNames topics, Admin admin) {
        this.snapshot = snapshot;
        this.topics = topics;
        this.admin = admin;
    }

    void list(Context ctx) {
        List<Map<String, Object>> streams = snapshot.get().streams().values().stream()
                .sorted(Comparator.comparing(StreamDoc::name))
                .map(this::describe).toList();
        ctx.json(Map.of("streams", streams));
    }

    /** Empty when Kafka answers within {@value #READY_TIMEOUT_MS} ms with at least one broker, else why not. */
    Optional<String> kafkaProblem() {
        try {
            int brokers = admin.describeCluster(new DescribeClusterOptions().timeoutMs(READY_TIMEOUT_MS)).nodes()
                    .get(READY_TIMEOUT_MS, TimeUnit.MILLISECONDS).size();
            return brokers > 0 ? Optional.empty() : Optional.of("Kafka reports no brokers");
        } catch (Exception e) {
            if (e instanceof InterruptedException) {
                Thread.currentThread().interrupt();
            }
            return Optional.of("Kafka is not reachable within " + READY_TIMEOUT_MS + " ms: " + e);
        }
    }

    private Map<String, Object> describe(StreamDoc stream) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("name", stream.name());
        if (stream.description() != null) {
            entry.put("description", stream.description());
        }
        entry.put("topic", topics.stream(stream.name()));
        entry.put("max_event_bytes", stream.maxEventBytes());
        entry.put("conflict_policy", stream.conflictPolicy().json());
        return entry;
    }
}
