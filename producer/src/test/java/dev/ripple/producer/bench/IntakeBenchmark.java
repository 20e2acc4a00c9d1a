package dev.ripple.producer.bench;

import dev.ripple.config.ConfigDocuments;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.StreamDoc;
import dev.ripple.consistency.SessionKeyring;
import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventJson;
import dev.ripple.events.EventMeta;
import dev.ripple.producer.BatchResult;
import dev.ripple.producer.Intake;
import dev.ripple.producer.IntakeConfig;
import dev.ripple.producer.Publisher;
import dev.ripple.producer.PublisherConfig;
import dev.ripple.producer.WriteThrottle;
import io.javalin.Javalin;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * Events/s through the Java client and through the HTTP intake (batches of 100), each against a raw
 * KafkaProducer with the same settings (acks=all, idempotence, linger 2 ms), interleaved over rounds on one
 * embedded broker. Run: {@code mvn -q -pl producer -am test-compile} then
 * {@code java -cp "$(cat producer/target/bench.classpath):producer/target/classes:producer/target/test-classes"
 * dev.ripple.producer.bench.IntakeBenchmark [events] [rounds]}.
 */
public final class IntakeBenchmark {
    private static final int BATCH = 100;
    /** Requests in flight at once, as a producer with a small connection pool would send them. */
    private static final int IN_FLIGHT = Integer.getInteger("inFlight", 32);

    public static void main(String[] args) throws Exception {
        int events = args.length > 0 ? Integer.parseInt(args[0]) : 50_000;
        int rounds = args.length > 1 ? Integer.parseInt(args[1]) : 3;
        try (EmbeddedKafka kafka = EmbeddedKafka.start(); ConfigStore store = ConfigStore.inMemory()) {
            store.txnRun(txn -> ConfigDocuments.put(txn, StreamDoc.of("bench")));
            ConfigView view = ConfigView.open(store, Clock.systemUTC());
            SessionTokenCodec codec = SessionTokenCodec.of(SessionKeyring.of("bench",
                    "0123456789abcdef0123456789abcdef".getBytes(StandardCharsets.UTF_8)));
            PublisherConfig config = PublisherConfig.defaults(kafka.bootstrapServers(), codec);
            Intake intake = Intake.start(IntakeConfig.defaults().withAuthRequired(false), config, view,
                    WriteThrottle.NONE, Clock.systemUTC());
            Javalin http = Javalin.create(c -> {
                c.startup.showJavalinBanner = false;
                intake.routes().accept(c);
            }).start("127.0.0.1", 0);
            List<EditEvent> sample = sample(events);
            double[] raw = new double[rounds];
            double[] client = new double[rounds];
            double[] intakeRate = new double[rounds];
            try (Publisher publisher = Publisher.create(config)) {
                raw(kafka.bootstrapServers(), sample); // warm-up
                for (int r = 0; r < rounds; r++) {
                    raw[r] = raw(kafka.bootstrapServers(), sample);
                    client[r] = client(publisher, sample);
                    intakeRate[r] = http(http.port(), sample);
                    System.out.printf("round %d: raw %.0f/s, client %.0f/s, http %.0f/s%n", r + 1, raw[r], client[r],
                            intakeRate[r]);
                }
            } finally {
                http.stop();
                intake.close();
                view.close();
            }
            System.out.printf("median: raw KafkaProducer %.0f events/s | Java client %.0f (%.2fx) | HTTP intake, "
                    + "batches of %d: %.0f (%.2fx)%n", median(raw), median(client), median(client) / median(raw),
                    BATCH, median(intakeRate), median(intakeRate) / median(raw));
        }
    }

    private static List<EditEvent> sample(int n) {
        List<EditEvent> events = new ArrayList<>(n);
        for (int i = 0; i < n; i++) {
            EventMeta meta = new EventMeta(UUID.randomUUID().toString(), Instant.now(), "bench", null, null, null,
                    null);
            events.add(EditEvent.upsert(meta, "key-" + (i % 5000), i, "text/plain", "x".repeat(120)));
        }
        return events;
    }

    private static double raw(String bootstrap, List<EditEvent> events) throws Exception {
        Map<String, Object> settings = Map.of("bootstrap.servers", bootstrap, "acks", "all",
                "enable.idempotence", true, "linger.ms", 2);
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(settings, new StringSerializer(),
                new ByteArraySerializer())) {
            producer.partitionsFor("ripple.stream.bench");
            long start = System.nanoTime();
            for (EditEvent event : events) {
                producer.send(new ProducerRecord<>("ripple.stream.bench", event.key(),
                        EventJson.mapper().writeValueAsBytes(event)));
            }
            producer.flush();
            return rate(events.size(), start);
        }
    }

    private static double client(Publisher publisher, List<EditEvent> events) {
        long start = System.nanoTime();
        List<CompletableFuture<BatchResult>> pending = new ArrayList<>();
        for (int i = 0; i < events.size(); i += BATCH) {
            pending.add(publisher.publishAll(events.subList(i, Math.min(events.size(), i + BATCH)), null)
                    .toCompletableFuture());
        }
        pending.forEach(CompletableFuture::join);
        return rate(events.size(), start);
    }

    private static double http(int port, List<EditEvent> events) throws Exception {
        HttpClient client = HttpClient.newHttpClient();
        URI uri = URI.create("http://127.0.0.1:" + port + "/v1/events");
        Semaphore inFlight = new Semaphore(IN_FLIGHT);
        List<CompletableFuture<HttpResponse<Void>>> pending = new ArrayList<>();
        long start = System.nanoTime();
        for (int i = 0; i < events.size(); i += BATCH) {
            byte[] body = EventJson.mapper().writeValueAsBytes(events.subList(i, Math.min(events.size(), i + BATCH)));
            inFlight.acquire();
            pending.add(client.sendAsync(HttpRequest.newBuilder(uri).header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofByteArray(body)).build(), HttpResponse.BodyHandlers.discarding())
                    .whenComplete((response, error) -> inFlight.release()));
        }
        for (CompletableFuture<HttpResponse<Void>> response : pending) {
            if (response.join().statusCode() != 201) {
                throw new IllegalStateException("intake answered " + response.join().statusCode());
            }
        }
        return rate(events.size(), start);
    }

    private static double rate(int events, long startNanos) {
        return events / ((System.nanoTime() - startNanos) / 1e9);
    }

    private static double median(double[] values) {
        double[] sorted = values.clone();
        Arrays.sort(sorted);
        return sorted[sorted.length / 2];
    }
}
