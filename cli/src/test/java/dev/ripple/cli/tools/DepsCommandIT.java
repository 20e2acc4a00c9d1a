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
import dev.ripple.runtime.kafka.KafkaSettings;
import dev.ripple.runtime.server.RippleHttpServer;
import dev.ripple.testsupport.CommandRun;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * {@code ripple deps} against a real broker and propagator: a template used by five pages (one with a slash and a
 * percent sign in its key, one in Unicode, one of 1 KiB), edited once; what each key uses and what uses it, the
 * chain of a derived event, and hostile keys on the HTTP API.
 */
@ExtendWith(KafkaExtension.class)
class DepsCommandIT {
    /** Keys of this run only: the broker is shared with other ITs, which may use the edits stream too. */
    private static final String RUN = UUID.randomUUID().toString().substring(0, 8);
    private static final String TEMPLATE = "template:Infobox-" + RUN;
    private static final String MODULE = "module:α/β%2F-" + RUN;
    private static final String PAGE_1 = "page:1-" + RUN;
    private static final String PAGE_2 = "page:2-" + RUN;
    private static final String SLASHED = "page:a/b%c/../d-" + RUN;
    private static final String UNICODE = "page:ünï©ødé:页面-" + RUN;
    private static final String LONG = "page:" + RUN + "k".repeat(1011);
    private static final List<String> PAGES = List.of(PAGE_1, PAGE_2, SLASHED, UNICODE, LONG);

    private static ConfigStore store;
    private static ConfigView view;
    private static PropagatorPart part;
    private static RippleHttpServer server;
    private static KafkaProducer<String, byte[]> producer;
    private static String bootstrap;
    private static String rootId;

    @BeforeAll
    static void startPropagatorAndDeclare(EmbeddedKafka kafka) throws Exception {
        bootstrap = kafka.bootstrapServers();
        store = ConfigStore.inMemory();
        DemoConfig.seed(store);
        store.txnRun(txn -> {
            ConfigDocuments.put(txn, StreamDoc.of("edits").withDependencies(
                    new StreamDoc.Dependencies(null, 0L, 3, 10_000, 100, null)));
            // one dependent a second: a fan-out of this stream's keys stays in progress long enough to see
            ConfigDocuments.put(txn, StreamDoc.of("slow").withDependencies(
                    new StreamDoc.Dependencies(null, 0L, 3, 1, 1, null)));
        });
        view = ConfigView.open(store, Clock.systemUTC());
        part = PropagatorPart.start(PartContext.of(KafkaSettings.of(bootstrap), Clock.systemUTC()).withConfig(view),
                config -> config);
        server = RippleHttpServer.start("127.0.0.1", 0, part.routes());
        part.awaitRunning(Duration.ofSeconds(90));
        producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap), new StringSerializer(),
                new ByteArraySerializer());

        // given the template uses a module, and five pages use the template: page:1 its params, page:2 all of it,
        // the slashed page its layout, the others all of it
        publish(upsert(TEMPLATE, 1, List.of(new Dependency(MODULE, List.of("render"))), null));
        publish(upsert(PAGE_1, 1, List.of(new Dependency(TEMPLATE, List.of("params"))), null));
        publish(upsert(PAGE_2, 1, List.of(new Dependency(TEMPLATE, null)), null));
        publish(upsert(SLASHED, 1, List.of(new Dependency(TEMPLATE, List.of("layout"))), null));
        publish(upsert(UNICODE, 1, List.of(new Dependency(TEMPLATE, null)), null));
        publish(upsert(LONG, 1, List.of(new Dependency(TEMPLATE, null)), null));
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(json("deps", TEMPLATE).path("used_by")
                .asLong()).as(json("deps", TEMPLATE).toString()).isEqualTo(5));

        // and the template's params change: every page but the slashed one is invalidated
        EditEvent edit = upsert(TEMPLATE, 2, List.of(new Dependency(MODULE, List.of("render"))), List.of("params"));
        rootId = edit.meta().id();
        publish(edit);
    }

    @AfterAll
    static void stop() throws Exception {
        if (producer != null) {
            producer.close();
        }
        if (server != null) {
            server.close();
        }
        if (part != null) {
            part.close();
        }
        if (view != null) {
            view.close();
        }
        if (store != null) {
            store.close();
        }
    }

    @Test
    void shouldShowWhatAKeyUsesAndWhatUsesItWithASample() throws Exception {
        JsonNode template = json("deps", TEMPLATE);
        assertThat(template.path("used_by").asLong()).isEqualTo(5);
        List<String> sample = new ArrayList<>();
        template.path("sample").forEach(d -> sample.add(d.path("key").asText()));
        assertThat(sample).containsExactlyInAnyOrderElementsOf(PAGES);
        assertThat(template.path("uses").get(0).path("key").asText()).isEqualTo(MODULE);
        assertThat(template.path("uses").get(0).path("parts").get(0).asText()).isEqualTo("render");
        assertThat(template.path("stream").asText()).isEqualTo("edits");

        CommandRun table = Cli.ripple("deps", TEMPLATE, "--url", server.url(), "--sample", "2");
        assertThat(table.exitCode()).as(table.err()).isZero();
        assertThat(table.out()).contains(TEMPLATE, "used by: 5 dependents", "(the first 2 of 5)", MODULE, "render",
                "DEPENDENT", "edits");

        JsonNode module = json("deps", MODULE);
        assertThat(module.path("used_by").asLong()).isEqualTo(1);
        assertThat(module.path("sample").get(0).path("key").asText()).isEqualTo(TEMPLATE);
        assertThat(module.path("sample").get(0).path("parts").get(0).asText()).isEqualTo("render");
    }

    @Test
    void shouldShowAFanoutInProgress() throws Exception {
        // given a key of the slow stream that 30 pages use
        String slow = "template:slow-" + RUN;
        for (int i = 0; i < 30; i++) {
            publish("ripple.stream.slow", upsert("page:slow-" + RUN + "-" + i, 1, List.of(new Dependency(slow,
                    null)), null));
        }
        await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(json("deps", slow).path("used_by")
                .asLong()).isEqualTo(30));

        // when it is edited: its fan-out walks one dependent a second
        publish("ripple.stream.slow", upsert(slow, 1, null, null));

        // then ripple deps shows the walk in progress
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(json("deps", slow).path("fanout")
                .path("walked").asLong()).isBetween(1L, 29L));
        JsonNode fanout = json("deps", slow).path("fanout");
        assertThat(fanout.path("total").asLong()).isEqualTo(30);
        assertThat(fanout.path("depth").asInt()).isEqualTo(1);
        assertThat(fanout.path("root_event").path("key").asText()).isEqualTo(slow);
        CommandRun table = Cli.ripple("deps", slow, "--url", server.url());
        assertThat(table.out()).contains("fan-out in progress:", "of 30 walked");
        // and the process's backlog, as ripple status --part reads it
        JsonNode backlog = EventJson.mapper().readTree(get("/api/deps").body());
        assertThat(backlog.path("fanouts").asLong()).isPositive();
        assertThat(backlog.path("dependents").asLong()).isPositive();
        // (the slow stream's 1/s, unless back pressure cut it)
        assertThat(backlog.path("rate_per_s").asDouble()).isBetween(0.01, 1.0);
        assertThat(backlog.has("lane_lag_ms")).isTrue();
        CommandRun status = Cli.ripple("status", "--part", server.url(), "--url", "http://127.0.0.1:9");
        assertThat(status.out()).contains("PROPAGATOR", "FAN-OUT BACKLOG", "PACED TO", "LANE LAG", server.url());
    }

    @Test
    void shouldAnswerForHostileKeys() throws Exception {
        for (String page : List.of(SLASHED, UNICODE, LONG)) {
            JsonNode deps = json("deps", page);
            assertThat(deps.path("key").asText()).isEqualTo(page);
            assertThat(deps.path("uses").get(0).path("key").asText()).isEqualTo(TEMPLATE);
        }
        assertThat(json("deps", SLASHED).path("uses").get(0).path("parts").get(0).asText()).isEqualTo("layout");

        // the path form too: a slash stays, anything else is percent-encoded
        HttpResponse<String> slashed = get("/api/deps/page:a/b%25c/../d-" + RUN);
        HttpResponse<String> unicode = get("/api/deps/" + encode(UNICODE));
        assertThat(unicode.statusCode()).as(unicode.body()).isEqualTo(200);
        assertThat(EventJson.mapper().readTree(unicode.body()).path("key").asText()).isEqualTo(UNICODE);
        // a dot segment is either refused by Jetty or normalised away: never another key's answer
        assertThat(slashed.statusCode()).isIn(200, 400, 404);
        if (slashed.statusCode() == 200) {
            assertThat(EventJson.mapper().readTree(slashed.body()).path("key").asText()).isEqualTo(SLASHED);
        }
        HttpResponse<String> plain = get("/api/deps/page:a/b%25c-" + RUN);
        assertThat(plain.statusCode()).isEqualTo(404);
        assertThat(plain.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(EventJson.mapper().readTree(plain.body()).path("key").asText()).isEqualTo("page:a/b%c-" + RUN);
    }

    @Test
    void shouldAnswer404ProblemAndExit1ForAnUnknownKey() throws Exception {
        HttpResponse<String> unknown = get("/api/deps/no:such:key");
        assertThat(unknown.statusCode()).isEqualTo(404);
        assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/problem+json");
        assertThat(EventJson.mapper().readTree(unknown.body()).path("type").asText()).endsWith("/unknown-key");

        CommandRun run = Cli.ripple("deps", "no:such:key", "--url", server.url());
        assertThat(run.exitCode()).isEqualTo(1);
        assertThat(run.err()).contains("knows nothing of this key", "dependencies");
        assertThat(get("/api/deps?key=x&sample=5000").statusCode()).isEqualTo(400);
    }

    @Test
    void shouldExitNonZeroNamingTheFixWhenNoPropagatorAnswers() {
        CommandRun run = Cli.ripple("deps", TEMPLATE, "--url", "http://127.0.0.1:9");
        assertThat(run.exitCode()).isNotZero();
        assertThat(run.err()).contains("Could not connect to a propagator at http://127.0.0.1:9", "--url");
    }

    @Test
    void shouldShowTheChainOfADerivedEvent() throws Exception {
        JsonNode derived = derivedEventOf(PAGE_1);
        assertThat(derived.path("triggered_by").asText()).isEqualTo(rootId);

        CommandRun run = Cli.ripple("deps", "--why", derived.path("meta").path("id").asText(), "--bootstrap-servers",
                bootstrap, "-o", "json");
        assertThat(run.exitCode()).as(run.err()).isZero();
        JsonNode chain = EventJson.mapper().readTree(run.out()).path("chain");
        assertThat(chain).hasSize(2);
        assertThat(chain.get(0).path("topic").asText()).isEqualTo("ripple.derived");
        assertThat(chain.get(0).path("event").path("key").asText()).isEqualTo(PAGE_1);
        assertThat(chain.get(0).path("event").path("depth").asInt()).isEqualTo(1);
        assertThat(chain.get(0).path("event").path("root_event").path("key").asText()).isEqualTo(TEMPLATE);
        assertThat(chain.get(1).path("topic").asText()).isEqualTo("ripple.stream.edits");
        assertThat(chain.get(1).path("event").path("meta").path("id").asText()).isEqualTo(rootId);

        CommandRun table = Cli.ripple("deps", "--why", derived.path("meta").path("id").asText(),
                "--bootstrap-servers", bootstrap);
        assertThat(table.out()).contains(PAGE_1, "depth 1", "<- triggered by " + rootId, TEMPLATE);

        CommandRun missing = Cli.ripple("deps", "--why", "no-such-event", "--since", "10m", "--bootstrap-servers",
                bootstrap);
        assertThat(missing.exitCode()).isEqualTo(1);
        assertThat(missing.err()).contains("No derived event with id no-such-event", "--since 24h");
    }

    private static JsonNode derivedEventOf(String key) throws Exception {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.GROUP_ID_CONFIG,
                "deps-it-" + UUID.randomUUID(), ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                new StringDeserializer())) {
            consumer.subscribe(List.of("ripple.derived"));
            List<JsonNode> seen = new ArrayList<>();
            await().atMost(Duration.ofSeconds(60)).until(() -> {
                for (var record : consumer.poll(Duration.ofMillis(200))) {
                    if (key.equals(record.key())) {
                        seen.add(EventJson.mapper().readTree(record.value()));
                    }
                }
                return !seen.isEmpty();
            });
            return seen.get(0);
        }
    }

    private static JsonNode json(String... args) throws Exception {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of("--url", server.url(), "-o", "json"));
        CommandRun run = Cli.ripple(all.toArray(String[]::new));
        assertThat(run.exitCode()).as(run.err()).isIn(0, 1);
        return run.exitCode() == 0 ? EventJson.mapper().readTree(run.out())
                : EventJson.mapper().createObjectNode().put("exit", run.exitCode()).put("err", run.err());
    }

    private static HttpResponse<String> get(String path) throws Exception {
        return HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(server.url() + path)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static String encode(String key) {
        StringBuilder out = new StringBuilder();
        for (byte b : key.getBytes(StandardCharsets.UTF_8)) {
            int c = b & 0xff;
            if (c < 0x80 && (Character.isLetterOrDigit(c) || ":-._~/".indexOf(c) >= 0)) {
                out.append((char) c);
            } else {
                out.append('%').append(String.format("%02X", c));
            }
        }
        return out.toString();
    }

    private static void publish(EditEvent event) throws Exception {
        publish("ripple.stream.edits", event);
    }

    private static void publish(String topic, EditEvent event) throws Exception {
        producer.send(new ProducerRecord<>(topic, event.key(), EventJson.mapper().writeValueAsBytes(event))).get();
    }

    private static EditEvent upsert(String key, long revision, List<Dependency> uses, List<String> changed) {
        EventMeta meta = new EventMeta(UUID.randomUUID().toString(), Instant.now(), "edits", null, null, null, null);
        return new EditEvent(EditEvent.SCHEMA, meta, key, Op.UPSERT, revision, null, "text/plain", "body", List.of(),
                null, null, null, uses, changed, null);
    }
}
