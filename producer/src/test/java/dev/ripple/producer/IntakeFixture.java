package dev.ripple.producer;

import dev.ripple.config.ConfigDocuments;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.ProducerDoc;
import dev.ripple.config.StreamDoc;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.testsupport.TestKeys;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.common.TopicPartition;

/** An intake on a real broker and an in-memory config store, served by Javalin on a free port. */
final class IntakeFixture implements AutoCloseable {
    static final String TOKEN = "writer.producer-token-for-tests-0123456789";
    static final String OTHER_TOKEN = "slow.other-producer-token-0123456789abc";

    final ConfigStore store = ConfigStore.inMemory();
    final ConfigView view;
    final Intake intake;
    final Javalin server;
    final String bootstrap;
    private final HttpClient http = HttpClient.newHttpClient();

    IntakeFixture(EmbeddedKafka kafka, String stream, PublisherConfig publisherConfig, IntakeConfig intakeConfig) {
        this(kafka, stream, publisherConfig, intakeConfig, Clock.systemUTC());
    }

    IntakeFixture(EmbeddedKafka kafka, String stream, PublisherConfig publisherConfig, IntakeConfig intakeConfig,
            Clock clock) {
        this.bootstrap = kafka.bootstrapServers();
        store.txnRun(txn -> {
            ConfigDocuments.put(txn, new StreamDoc(stream, "test stream", 4096L, StreamDoc.ConflictPolicy.REJECT));
            ConfigDocuments.put(txn, new StreamDoc(stream + "-other", null, null, null));
            ConfigDocuments.put(txn, ProducerDoc.withToken("writer", TOKEN, List.of(stream)));
            ConfigDocuments.put(txn, new ProducerDoc("slow", ProducerDoc.withToken("slow", OTHER_TOKEN,
                    List.of(stream)).tokenHash(), List.of(stream), 5.0, false));
        });
        view = ConfigView.open(store, Clock.systemUTC());
        intake = Intake.start(intakeConfig, publisherConfig, view, WriteThrottle.NONE, clock);
        server = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            intake.routes().accept(config);
        }).start("127.0.0.1", 0);
    }

    static IntakeFixture start(EmbeddedKafka kafka, String stream) {
        return new IntakeFixture(kafka, stream, PublisherConfig.defaults(kafka.bootstrapServers(), TestKeys.CODEC)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(5)), IntakeConfig.defaults()
                .withLimits(64 * 1024, 50).withPartitions(3));
    }

    HttpResponse<String> post(String path, String body, Map<String, String> headers) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path))
                .POST(HttpRequest.BodyPublishers.ofString(body)).header("Content-Type", "application/json");
        headers.forEach(request::header);
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> postAs(String token, String body) throws Exception {
        return post("/v1/events", body, Map.of("Authorization", "Bearer " + token));
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + server.port() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    /** Records on a topic so far (sum of end offsets). */
    long recordsOn(String topic) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", bootstrap))) {
            var partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions();
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            partitions.forEach(p -> latest.put(new TopicPartition(topic, p.partition()), OffsetSpec.latest()));
            return admin.listOffsets(latest).all().get().values().stream().mapToLong(o -> o.offset()).sum();
        }
    }

    @Override
    public void close() throws Exception {
        server.stop();
        intake.close();
        view.close();
        store.close();
    }
}
