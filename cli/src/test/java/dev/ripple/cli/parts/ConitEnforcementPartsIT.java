package dev.ripple.cli.parts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.cli.PartProcess;
import dev.ripple.cli.StandaloneServices;
import dev.ripple.config.ConfigWrites;
import dev.ripple.embedded.RedisProcess;
import dev.ripple.embedded.junit.RedisExtension;
import dev.ripple.events.ConitStatus;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.TopicNames;
import dev.ripple.testsupport.TestKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * Conits are enforced by {@code ripple producer} and {@code ripple replica} run as their own OS processes, from
 * the statuses on {@code ripple.conit-status} (here written as the conit tracker writes them), not only inside
 * {@code ripple up}.
 */
@ExtendWith(RedisExtension.class)
class ConitEnforcementPartsIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern INTAKE_AT = Pattern.compile("intake at (http://[0-9.:]+)/v1/events");
    private static final Pattern READ_API_AT = Pattern.compile("read API at (http://[0-9.:]+)/v1/regions");
    private static final String SESSION_KEYS = TestKeys.spec("k1");
    private static final String PRODUCER_TOKEN = "conit-test.0123456789abcdef0123456789abcdef";
    private static StandaloneServices services;

    @BeforeAll
    static void start() {
        services = StandaloneServices.start(store -> {
            ConfigWrites.put(store, "/ripple/conits/hot", "{\"keys\": {\"glob\": \"hot:*\"}, \"bounds\": "
                    + "{\"max_unapplied\": 5}, \"enforcement\": \"throttle-writes\"}", ConfigWrites.ANY_REVISION);
            ConfigWrites.put(store, "/ripple/producers/conit-test", "{\"token\": \"" + PRODUCER_TOKEN + "\", "
                    + "\"streams\": [\"edits\"]}", ConfigWrites.ANY_REVISION);
        });
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void shouldThrottleWritesOfAConitWhoseRegionIsPastMaxUnappliedInAProducerRunAlone() throws Exception {
        try (PartProcess producer = PartProcess.start(Map.of("RIPPLE_SESSION_KEYS", SESSION_KEYS), "producer",
                "--bootstrap-servers", services.bootstrapServers(), "--etcd", services.etcd(), "--port", "0")) {
            String intake = producer.await(INTAKE_AT, Duration.ofSeconds(90));
            assertThat(publish(intake, "hot:1").statusCode()).isEqualTo(201);

            status("hot", "throttle-writes", 12, List.of("max_unapplied: 12 > 5"));
            await().atMost(Duration.ofSeconds(10)).until(() -> publish(intake, "hot:2").statusCode() == 429);
            HttpResponse<String> throttled = publish(intake, "hot:3");
            assertThat(throttled.headers().firstValue("Retry-After")).isPresent();
            assertThat(throttled.body()).contains("Conit 'hot' throttles writes", "eqiad");
            assertThat(publish(intake, "cold:1").statusCode()).isEqualTo(201);

            status("hot", "throttle-writes", 0, List.of());
            await().atMost(Duration.ofSeconds(10)).until(() -> publish(intake, "hot:4").statusCode() == 201);
        }
    }

    @Test
    void shouldGateReadsOfAConitWhoseRegionIsPastItsBoundsInAReplicaRunAlone(RedisProcess redis, @TempDir Path dir)
            throws Exception {
        Path keys = Files.writeString(dir.resolve("session.keys"), SESSION_KEYS);
        try (PartProcess replica = PartProcess.start("replica", "--region", "eqiad", "--bootstrap-servers",
                services.bootstrapServers(), "--redis", redis.uri(), "--etcd", services.etcd(), "--session-key-file",
                keys.toString(), "--port", "0")) {
            String readApi = replica.await(READ_API_AT, Duration.ofSeconds(90));
            // a new region's store is filled from the latest state before it serves (503 region-store-lost until)
            await().atMost(Duration.ofSeconds(60)).until(() -> !read(readApi, "other:Free").body()
                    .contains("region-store-lost"));
            // no status from the tracker yet: the conit's standing is unknown, and reads fail closed saying why
            HttpResponse<String> unknown = read(readApi, "enwiki:Gated");
            assertThat(unknown.statusCode()).isEqualTo(503);
            assertThat(unknown.body()).contains("conit-status-unknown", "Conit 'enwiki-pages' gates reads");
            assertThat(read(readApi, "other:Free").statusCode()).isEqualTo(404);
            status("enwiki-pages", "gate-reads", 0, List.of());
            await().atMost(Duration.ofSeconds(10)).until(() -> read(readApi, "enwiki:Gated").statusCode() == 404);

            status("enwiki-pages", "gate-reads", 0, List.of("staleness_ms: 9000 > 5000"));
            await().atMost(Duration.ofSeconds(10)).until(() -> read(readApi, "enwiki:Gated").statusCode() == 409);
            assertThat(read(readApi, "enwiki:Gated").body()).contains("staleness-bound-exceeded",
                    "Conit 'enwiki-pages' gates reads");
            assertThat(read(readApi, "other:Free").statusCode()).isEqualTo(404);

            status("enwiki-pages", "gate-reads", 0, List.of());
            await().atMost(Duration.ofSeconds(10)).until(() -> read(readApi, "enwiki:Gated").statusCode() == 404);
        }
    }

    /** Publishes a status for region eqiad as the conit tracker does. */
    private static void status(String conit, String enforcement, long unapplied, List<String> violations)
            throws Exception {
        ConitStatus status = new ConitStatus(conit, enforcement, new ConitStatus.Bounds(5000L, 5L, null),
                Map.of("eqiad", new ConitStatus.Region(unapplied, unapplied, violations.isEmpty() ? 0 : 9000,
                        violations)), Instant.now());
        try (KafkaProducer<String, ConitStatus> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                services.bootstrapServers()), new StringSerializer(), EventSerdes.conitStatus().serializer())) {
            producer.send(new ProducerRecord<>(TopicNames.defaults().conitStatus(), conit, status)).get();
        }
    }

    private static HttpResponse<String> publish(String intake, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(intake + "/v1/events"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + PRODUCER_TOKEN)
                .POST(HttpRequest.BodyPublishers.ofString("{\"meta\": {\"stream\": \"edits\", \"domain\": "
                        + "\"en.example.org\"}, \"key\": \"" + key + "\"}")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> read(String readApi, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(readApi + "/v1/regions/eqiad/objects/" + key))
                .header("Ripple-On-Violation", "refuse").timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
