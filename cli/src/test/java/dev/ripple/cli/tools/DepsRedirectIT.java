package dev.ripple.cli.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.cli.Cli;
import dev.ripple.cli.wiring.PartContext;
import dev.ripple.cli.wiring.PropagatorPart;
import dev.ripple.config.ConfigDocuments;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.DemoConfig;
import dev.ripple.config.StreamDoc;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.events.Dependency;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventJson;
import dev.ripple.events.EventMeta;
import dev.ripple.events.Op;
import dev.ripple.propagator.DependencyRoutes;
import dev.ripple.runtime.kafka.KafkaSettings;
import dev.ripple.runtime.server.RippleHttpServer;
import dev.ripple.testsupport.CommandRun;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * Two propagator instances, each advertising its HTTP address: asked about a key the other owns, one answers 307
 * to it, and {@code ripple deps} asked of either finds every key.
 */
@ExtendWith(KafkaExtension.class)
class DepsRedirectIT {
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final int KEYS = 12;

    @Test
    void shouldRedirectToTheInstanceThatOwnsTheKey(EmbeddedKafka kafka) throws Exception {
        try (ConfigStore store = ConfigStore.inMemory()) {
            DemoConfig.seed(store);
            store.txnRun(txn -> ConfigDocuments.put(txn, StreamDoc.of("edits").withDependencies(
                    new StreamDoc.Dependencies(null, 0L, 3, 10_000, 100, null))));
            int portA = freePort();
            int portB = freePort();
            try (ConfigView view = ConfigView.open(store, Clock.systemUTC());
                    PropagatorPart a = start(kafka, view, portA);
                    PropagatorPart b = start(kafka, view, portB);
                    RippleHttpServer serverA = RippleHttpServer.start("127.0.0.1", portA, a.routes());
                    RippleHttpServer serverB = RippleHttpServer.start("127.0.0.1", portB, b.routes());
                    KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                            kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
                a.awaitRunning(Duration.ofSeconds(90));
                b.awaitRunning(Duration.ofSeconds(90));

                // given twelve pages, each using its own template
                for (int i = 0; i < KEYS; i++) {
                    EventMeta meta = new EventMeta(UUID.randomUUID().toString(), Instant.now(), "edits", null, null,
                            null, null);
                    EditEvent page = new EditEvent(EditEvent.SCHEMA, meta, page(i), Op.UPSERT, 1L, null, "text/plain",
                            "b", List.of(), null, null, null, List.of(new Dependency(template(i), null)), null, null);
                    producer.send(new ProducerRecord<>("ripple.stream.edits", page.key(),
                            EventJson.mapper().writeValueAsBytes(page))).get();
                }

                // then ripple deps asked of A finds every template's dependent, wherever it lives
                await().atMost(Duration.ofSeconds(90)).untilAsserted(() -> {
                    for (int i = 0; i < KEYS; i++) {
                        CommandRun run = Cli.ripple("deps", template(i), "--url", serverA.url(), "-o", "json");
                        assertThat(run.exitCode()).as(run.err()).isZero();
                        JsonNode deps = EventJson.mapper().readTree(run.out());
                        assertThat(deps.path("used_by").asLong()).isEqualTo(1);
                        assertThat(deps.path("sample").get(0).path("key").asText()).isEqualTo(page(i));
                    }
                });

                // and A answers a key B owns with a redirect naming B
                int redirected = 0;
                for (int i = 0; i < KEYS; i++) {
                    HttpResponse<String> answer = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(
                            serverA.url() + DependencyRoutes.pathOf(template(i), 5))).build(),
                            HttpResponse.BodyHandlers.ofString());
                    if (answer.statusCode() == 307) {
                        redirected++;
                        assertThat(answer.headers().firstValue("Location")).hasValue("http://127.0.0.1:" + portB
                                + DependencyRoutes.pathOf(template(i), 5));
                        assertThat(EventJson.mapper().readTree(answer.body()).path("owner").asText())
                                .isEqualTo("http://127.0.0.1:" + portB);
                    } else {
                        assertThat(answer.statusCode()).isEqualTo(200);
                    }
                }
                assertThat(redirected).as("keys of the %d that B owns", KEYS).isBetween(1, KEYS - 1);
            }
        }
    }

    private static PropagatorPart start(EmbeddedKafka kafka, ConfigView view, int port) {
        return PropagatorPart.start(PartContext.of(KafkaSettings.of(kafka.bootstrapServers()), Clock.systemUTC())
                .withConfig(view), config -> {
                    Map<String, String> overrides = new HashMap<>(config.kafkaOverrides());
                    overrides.put("application.server", "127.0.0.1:" + port);
                    return config.withApplicationId("deps-redirect-" + RUN).withReplication((short) -1, 0)
                            .withKafkaOverrides(overrides);
                });
    }

    private static String page(int i) {
        return "page:redirect-" + RUN + "-" + i;
    }

    private static String template(int i) {
        return "template:redirect-" + RUN + "-" + i;
    }

    private static int freePort() throws Exception {
        try (ServerSocket socket = new ServerSocket(0)) {
            return socket.getLocalPort();
        }
    }
}
