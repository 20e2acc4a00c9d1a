package dev.ripple.bench.scenarios;

import dev.ripple.events.EditEvent;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.RegionRecord;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.ResourceKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.BooleanSupplier;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.Deserializer;
import org.apache.kafka.common.serialization.StringDeserializer;

/**
 * The baseline of {@code http-sink}, what change-propagation does: a plain KafkaConsumer reads the region topic and
 * sends one {@code PUT} per record (the same request the replica applier sends: key in the path, dot, revision and
 * op headers, the body) with the JDK HttpClient over {@value #CONNECTIONS} persistent connections, one per sender
 * thread; records are spread over the senders by key, so a key's records stay in order. A request that fails
 * (no answer within {@value #TIMEOUT_SECONDS} s, a connection closed under it) is sent again, as
 * change-propagation retries, so the sink may count it twice. Offsets are committed after each poll's records are
 * all answered.
 */
final class RawPutter {
    static final int CONNECTIONS = 4;
    private static final int TIMEOUT_SECONDS = 2;

    private RawPutter() {}

    /** Consumes {@code topic} as group {@code group} and PUTs every record to {@code base} until {@code done}. */
    static void run(String bootstrap, String topic, String group, URI base, BooleanSupplier done) throws Exception {
        Deserializer<RegionRecord> values = EventSerdes.regionRecord().deserializer();
        List<HttpClient> clients = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            clients.add(HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build());
        }
        AtomicInteger threads = new AtomicInteger();
        List<ExecutorService> senders = new ArrayList<>();
        for (int i = 0; i < CONNECTIONS; i++) {
            senders.add(Executors.newSingleThreadExecutor(r -> new Thread(r, "ripple-bench-put-"
                    + threads.incrementAndGet())));
        }
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", bootstrap,
                "group.id", group, "enable.auto.commit", false, "auto.offset.reset", "earliest",
                "isolation.level", "read_committed", "max.poll.records", 500), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            while (!done.getAsBoolean()) {
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(50));
                List<Future<?>> answered = new ArrayList<>(records.count());
                for (ConsumerRecord<String, byte[]> record : records) {
                    if (!(values.deserialize(topic, record.value()) instanceof ReplicationRecord replication)) {
                        continue;
                    }
                    int sender = Math.floorMod(record.key().hashCode(), CONNECTIONS);
                    HttpClient client = clients.get(sender);
                    answered.add(senders.get(sender).submit(() -> put(client, base, replication)));
                }
                for (Future<?> future : answered) {
                    future.get();
                }
                if (!records.isEmpty()) {
                    consumer.commitSync();
                }
            }
        } finally {
            senders.forEach(ExecutorService::shutdownNow);
        }
    }

    private static Void put(HttpClient client, URI base, ReplicationRecord record) throws Exception {
        EditEvent event = record.event();
        HttpRequest request = HttpRequest.newBuilder(URI.create(base + ResourceKeys.pathSegment(event.key())))
                .header("Ripple-Dot", record.source().dot().toString())
                .header("Ripple-Op", event.op().wireName())
                .header("Ripple-Revision", String.valueOf(event.revision()))
                .header("Content-Type", event.contentType())
                .PUT(HttpRequest.BodyPublishers.ofString(event.body(), StandardCharsets.UTF_8))
                .timeout(Duration.ofSeconds(TIMEOUT_SECONDS))
                .build();
        int status = Resend.send(client, request);
        if (status / 100 != 2 && status != 412) {
            throw new IllegalStateException("The sink answered " + status + " for " + event.key());
        }
        return null;
    }
}
