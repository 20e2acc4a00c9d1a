package dev.ripple.bench.scenarios;

import dev.ripple.bench.BenchContext;
import dev.ripple.bench.Correctness;
import dev.ripple.bench.CpuMeter;
import dev.ripple.bench.Measurement;
import dev.ripple.bench.Progress;
import dev.ripple.bench.ReadBack;
import dev.ripple.bench.Scenario;
import dev.ripple.cli.SessionKeys;
import dev.ripple.config.ConfigDocuments;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.StreamDoc;
import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventJson;
import dev.ripple.producer.BatchResult;
import dev.ripple.producer.Intake;
import dev.ripple.producer.IntakeConfig;
import dev.ripple.producer.Publisher;
import dev.ripple.producer.PublisherConfig;
import dev.ripple.producer.WriteThrottle;
import dev.ripple.runtime.server.JsonAnswer;
import dev.ripple.runtime.server.RippleHttpServer;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code intake}: events/s into a stream topic through the Java client and through the HTTP intake in batches of
 * 100, against a raw KafkaProducer with the same settings (acks=all, idempotence); and requests/s of the HTTP intake
 * with one event per {@code POST} over 64 persistent connections (or {@code -Dripple.bench.intake.connections=N}),
 * against a trivial handler on the same kind of server (answering 201 with no work) driven by the same client, so
 * the ratio is what the intake adds per request. The HTTP load comes from {@link PostLanes}: each connection owns its keys, so per-key order is
 * checked too.
 */
final class IntakeScenario implements Scenario {
    static final String RAW = "raw KafkaProducer";
    static final String CLIENT = "Java client, batches of 100";
    static final String HTTP = "HTTP intake, batches of 100, 32 connections";
    /** Connections of the one-event-per-POST pair, each with one request in flight. */
    private static final int CONNECTIONS = Integer.getInteger("ripple.bench.intake.connections", 64);
    static final String TRIVIAL = "trivial handler (201, no work), 1 event per POST, " + CONNECTIONS + " connections";
    static final String SINGLE = "HTTP intake, 1 event per POST, " + CONNECTIONS + " connections";
    /** {@code -Dripple.bench.intake.per-post-only=true}: only the one-event-per-POST pair (to profile it). */
    private static final boolean PER_POST_ONLY = Boolean.getBoolean("ripple.bench.intake.per-post-only");
    private static final int BATCH = 100;
    private static final int BATCH_LANES = 32;
    private static final int PARTITIONS = 6;
    /** What the trivial handler answers: about the size of the intake's answer to one event. */
    private static final byte[] TRIVIAL_ANSWER = ("{\"session_token\":\"" + "t".repeat(64) + "\","
            + "\"results\":[{\"index\":0,\"id\":\"00000000-0000-0000-0000-000000000000\",\"status\":201,"
            + "\"dot\":\"ripple.stream.bench-0@0:0\","
            + "\"topic\":\"ripple.stream.bench\",\"partition\":0,\"offset\":0}]}").getBytes(StandardCharsets.UTF_8);

    @Override
    public String name() {
        return "intake";
    }

    @Override
    public String summary() {
        return "raw KafkaProducer vs the Java client and the HTTP intake, events/s into a stream";
    }

    @Override
    public String description() {
        return "Events/s into a stream topic: raw KafkaProducer (acks=all, idempotent) vs the Java client vs the "
                + "HTTP intake in batches; and one event per POST over " + CONNECTIONS + " persistent connections, "
                + "the intake vs a trivial handler on the same server set-up (what the intake adds per request); "
                + "~200-byte events over 5,000 keys, each key on one connection; every round read back for loss and "
                + "per-key order.";
    }

    @Override
    public Session open(BenchContext context) {
        ConfigStore store = ConfigStore.inMemory();
        ConfigView view = ConfigView.open(store, Clock.systemUTC());
        PublisherConfig publisherConfig = PublisherConfig.defaults(context.bootstrapServers(),
                SessionTokenCodec.of(SessionKeys.random("bench")));
        Intake intake = Intake.start(IntakeConfig.defaults().withAuthRequired(false).withPartitions(PARTITIONS),
                publisherConfig, view, WriteThrottle.NONE, Clock.systemUTC());
        RippleHttpServer http = RippleHttpServer.start("127.0.0.1", 0, List.of(intake.routes()));
        RippleHttpServer trivial = RippleHttpServer.start("127.0.0.1", 0, List.of(config -> config.routes.post(
                "/v1/events", ctx -> JsonAnswer.send(ctx, 201, TRIVIAL_ANSWER))));
        Publisher publisher = Publisher.create(publisherConfig);
        return new Session() {
            @Override
            public List<String> variants() {
                return PER_POST_ONLY ? List.of(TRIVIAL, SINGLE) : List.of(RAW, CLIENT, HTTP, TRIVIAL, SINGLE);
            }

            @Override
            public String baselineOf(String variant) {
                return variant.equals(TRIVIAL) || variant.equals(SINGLE) ? TRIVIAL : RAW;
            }

            @Override
            public Measurement run(String variant, int round, Progress progress) throws Exception {
                String stream = "bench-" + variants().indexOf(variant) + "-r" + round;
                String topic = "ripple.stream." + stream;
                if (!variant.equals(TRIVIAL)) {
                    BenchEvents.createTopics(context.bootstrapServers(), PARTITIONS, topic);
                    store.txnRun(txn -> ConfigDocuments.put(txn, StreamDoc.of(stream)));
                    while (!view.snapshot().streams().containsKey(stream)) {
                        Thread.onSpinWait();
                    }
                }
                List<EditEvent> events = BenchEvents.upserts(stream, context.events());
                boolean perPost = variant.equals(TRIVIAL) || variant.equals(SINGLE);
                List<List<PostLanes.Body>> lanes = variant.equals(HTTP)
                        ? PostLanes.byKey(events.size(), BATCH_LANES, BATCH, at -> EventJson.mapper()
                                .writeValueAsBytes(at.stream().map(events::get).toList()))
                        : perPost ? PostLanes.byKey(events.size(), CONNECTIONS, 1, at -> EventJson.mapper()
                                .writeValueAsBytes(events.get(at.get(0)))) : List.of();
                CpuMeter cpu = CpuMeter.start();
                long start = System.nanoTime();
                PostLanes.Answers answers = null;
                if (variant.equals(RAW)) {
                    raw(context.bootstrapServers(), topic, events, progress);
                } else if (variant.equals(CLIENT)) {
                    client(publisher, events, progress);
                } else {
                    String url = (variant.equals(TRIVIAL) ? trivial.url() : http.url()) + "/v1/events";
                    answers = PostLanes.post(URI.create(url), lanes, progress);
                }
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                CpuMeter.Split split = cpu.stop();
                if (answers != null) {
                    answers.requireAllCreated();
                }
                return new Measurement(events.size(), elapsed, split, null, variant.equals(TRIVIAL)
                        ? new Correctness(events.size(), answers.eventsCreated(), 0, 0)
                        : ReadBack.check(context.bootstrapServers(), topic, events.size(), BenchEvents::revision));
            }

            @Override
            public void close() throws Exception {
                publisher.close();
                trivial.close();
                http.close();
                intake.close();
                view.close();
                store.close();
            }
        };
    }

    private static void raw(String bootstrap, String topic, List<EditEvent> events, Progress progress)
            throws Exception {
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "acks", "all", "enable.idempotence", true, "linger.ms", 2), new StringSerializer(),
                new ByteArraySerializer())) {
            for (EditEvent event : events) {
                producer.send(new ProducerRecord<>(topic, event.key(), EventJson.mapper().writeValueAsBytes(event)),
                        (metadata, error) -> progress.advance(1));
            }
            producer.flush();
        }
    }

    private static void client(Publisher publisher, List<EditEvent> events, Progress progress) {
        List<CompletableFuture<BatchResult>> pending = new ArrayList<>();
        for (int i = 0; i < events.size(); i += BATCH) {
            List<EditEvent> batch = events.subList(i, Math.min(events.size(), i + BATCH));
            pending.add(publisher.publishAll(batch, null).toCompletableFuture()
                    .whenComplete((r, e) -> progress.advance(batch.size())));
        }
        pending.forEach(CompletableFuture::join);
    }
}
