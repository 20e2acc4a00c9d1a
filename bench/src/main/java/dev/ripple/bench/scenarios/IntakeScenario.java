package dev.ripple.bench.scenarios;

import dev.ripple.bench.BenchContext;
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
import dev.ripple.runtime.server.RippleHttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code intake}: events/s into a stream topic through the Java client and through the HTTP intake (batches of
 * 100, 32 requests in flight), against a raw KafkaProducer with the same settings (acks=all, idempotence).
 */
final class IntakeScenario implements Scenario {
    static final String RAW = "raw KafkaProducer";
    static final String CLIENT = "Java client, batches of 100";
    static final String HTTP = "HTTP intake, batches of 100, 32 in flight";
    private static final int BATCH = 100;
    private static final int IN_FLIGHT = 32;
    private static final int PARTITIONS = 6;

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
                + "HTTP intake; ~200-byte events over 5,000 keys; every round read back for loss and per-key order.";
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
        Publisher publisher = Publisher.create(publisherConfig);
        return new Session() {
            @Override
            public List<String> variants() {
                return List.of(RAW, CLIENT, HTTP);
            }

            @Override
            public Measurement run(String variant, int round, Progress progress) throws Exception {
                String stream = "bench-" + variants().indexOf(variant) + "-r" + round;
                String topic = "ripple.stream." + stream;
                BenchEvents.createTopics(context.bootstrapServers(), PARTITIONS, topic);
                store.txnRun(txn -> ConfigDocuments.put(txn, StreamDoc.of(stream)));
                List<EditEvent> events = BenchEvents.upserts(stream, context.events());
                CpuMeter cpu = CpuMeter.start();
                long start = System.nanoTime();
                switch (variant) {
                    case RAW -> raw(context.bootstrapServers(), topic, events, progress);
                    case CLIENT -> client(publisher, events, progress);
                    default -> http(http.url(), stream, view, events, progress);
                }
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                CpuMeter.Split split = cpu.stop();
                return new Measurement(events.size(), elapsed, split, null, ReadBack.check(
                        context.bootstrapServers(), topic, events.size(), BenchEvents::revision));
            }

            @Override
            public void close() throws Exception {
                publisher.close();
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

    private static void http(String base, String stream, ConfigView view, List<EditEvent> events, Progress progress)
            throws Exception {
        while (!view.snapshot().streams().containsKey(stream)) {
            Thread.onSpinWait();
        }
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create(base + "/v1/events");
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<HttpResponse<Void>>> pending = new ArrayList<>();
        for (int i = 0; i < events.size(); i += BATCH) {
            int size = Math.min(events.size(), i + BATCH) - i;
            byte[] body = EventJson.mapper().writeValueAsBytes(events.subList(i, i + size));
            inFlight.acquire();
            pending.add(client.sendAsync(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> {
                        inFlight.release();
                        progress.advance(size);
                    }));
        }
        for (CompletableFuture<HttpResponse<Void>> response : pending) {
            if (response.join().statusCode() != 201) {
                throw new IllegalStateException("The intake answered " + response.join().statusCode());
            }
        }
    }
}
