package dev.ripple.monitor.dlq;

import static dev.ripple.monitor.MonitorMetricNames.DLQ_REPLAYED;
import static dev.ripple.monitor.MonitorMetricNames.DLQ_REPLAY_FAILURES;
import static dev.ripple.monitor.MonitorMetricNames.TAG_CONSUMER;

import dev.ripple.events.EventSerdes;
import dev.ripple.events.FailedRecord;
import dev.ripple.events.RetryEnvelope;
import dev.ripple.events.TopicNames;
import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists and replays the records of {@code ripple.dlq.<consumer>}. A replay sends the original record, byte for
 * byte, with its key, to its original topic and partition, where the consumer that failed on it reads it again
 * (downstream applies are idempotent, so a record replayed twice does no harm). A replay header
 * ({@value #REPLAYED_FROM}) names the DLQ record. Records that never reached Kafka (refused at the intake) are not
 * replayed: writing them raw would skip the validation they failed; publish the fixed event again instead.
 *
 * <p>Thread-safe. Replays are counted ({@code ripple_dlq_replayed_total}) in the registry given.
 */
public final class DeadLetterQueues implements AutoCloseable {
    /** Header on a replayed record: {@code <dlq topic>:<id>}. */
    public static final String REPLAYED_FROM = "ripple-replayed-from";
    /** Most records one list or replay call handles. */
    public static final int MAX_RECORDS = 10_000;
    private static final Logger log = LoggerFactory.getLogger(DeadLetterQueues.class);

    private final DlqReader reader;
    private final TopicNames topics;
    private final KafkaProducer<String, byte[]> producer;
    private final MeterRegistry registry;

    /**
     * @param clientSettings extra Kafka client settings (TLS, SASL)
     * @param registry where replays are counted
     */
    public DeadLetterQueues(String bootstrapServers, Map<String, Object> clientSettings, TopicNames topics,
            MeterRegistry registry) {
        this.topics = topics;
        this.registry = registry;
        this.reader = new DlqReader(bootstrapServers, clientSettings);
        this.producer = KafkaClients.idempotentProducer(KafkaSettings.of(bootstrapServers, clientSettings,
                "ripple-dlq-replay"), null, Map.of(), new StringSerializer(), new ByteArraySerializer());
    }

    /**
     * The oldest {@code limit} records waiting in a consumer's DLQ.
     *
     * @throws NoSuchElementException if the consumer has no DLQ topic
     * @throws IllegalArgumentException for an invalid consumer name or limit
     */
    public List<DeadLetter> list(String consumer, int limit) {
        requireLimit(limit);
        return reader.read(topics.dlq(consumer), null, limit).stream().map(r -> deadLetter(r, envelope(r)))
                .toList();
    }

    /**
     * Replays one record ({@code id}) or every waiting record ({@code id} null), at most {@code ratePerSecond}.
     *
     * @param ratePerSecond records per second; 0 or less for no pacing
     * @throws NoSuchElementException if the DLQ or the id does not exist
     */
    public ReplayResult replay(String consumer, String id, double ratePerSecond) throws InterruptedException {
        String dlq = topics.dlq(consumer);
        List<ConsumerRecord<String, byte[]>> records = reader.read(dlq, id, id == null ? MAX_RECORDS : 1);
        if (id != null && records.isEmpty()) {
            throw new NoSuchElementException("No record " + id + " in " + dlq + ".");
        }
        long gapNanos = ratePerSecond > 0 ? (long) (1e9 / ratePerSecond) : 0;
        long next = System.nanoTime();
        int replayed = 0;
        int failed = 0;
        List<String> problems = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            String recordId = record.partition() + "@" + record.offset();
            RetryEnvelope envelope = envelope(record);
            FailedRecord original = envelope == null ? null : envelope.original();
            String skip = envelope == null ? "not a dead-letter envelope"
                    : original.offset() < 0 ? "refused at the intake, never reached Kafka: publish the fixed event "
                            + "again" : original.value() == null ? "the envelope left the value out: replay it from "
                            + original.topic() + "-" + original.partition() + "@" + original.offset() : null;
            if (skip != null) {
                problems.add(recordId + ": skipped, " + skip);
                continue;
            }
            TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
            next = Math.max(next, System.nanoTime()) + gapNanos;
            ProducerRecord<String, byte[]> replay = new ProducerRecord<>(original.topic(),
                    original.partition() >= 0 ? original.partition() : null, original.key(), original.value());
            replay.headers().add(REPLAYED_FROM, (dlq + ":" + recordId).getBytes(StandardCharsets.UTF_8));
            try {
                producer.send(replay).get(30, TimeUnit.SECONDS);
                replayed++;
                Counter.builder(DLQ_REPLAYED).tag(TAG_CONSUMER, consumer)
                        .description("Dead-letter records replayed to their original topic").register(registry)
                        .increment();
            } catch (ExecutionException | TimeoutException e) {
                failed++;
                problems.add(recordId + ": Kafka did not take it: " + e.getMessage());
                Counter.builder(DLQ_REPLAY_FAILURES).tag(TAG_CONSUMER, consumer)
                        .description("Dead-letter records a replay could not send").register(registry).increment();
            }
        }
        log.info("Replayed {} record(s) of {} ({} skipped, {} failed)", replayed, dlq,
                records.size() - replayed - failed, failed);
        return new ReplayResult(consumer, replayed, records.size() - replayed - failed, failed, problems);
    }

    private static RetryEnvelope envelope(ConsumerRecord<String, byte[]> record) {
        try {
            return EventSerdes.retryEnvelope().deserialize(record.topic(), record.value());
        } catch (RuntimeException e) {
            return null;
        }
    }

    private static DeadLetter deadLetter(ConsumerRecord<String, byte[]> record, RetryEnvelope envelope) {
        String id = record.partition() + "@" + record.offset();
        if (envelope == null) {
            return new DeadLetter(id, "?", "not a dead-letter envelope", 0, null, null, "?", -1, -1, record.key(),
                    -1, null);
        }
        FailedRecord o = envelope.original();
        String text = o.valueText();
        return new DeadLetter(id, envelope.consumer(), envelope.reason(), envelope.attempts(),
                envelope.firstFailure(), envelope.lastFailure(), o.topic(), o.partition(), o.offset(), o.key(),
                o.value() == null ? -1 : o.value().length, text == null ? null
                        : text.length() > 160 ? text.substring(0, 160) + "…" : text);
    }

    private static void requireLimit(int limit) {
        if (limit < 1 || limit > MAX_RECORDS) {
            throw new IllegalArgumentException("Invalid value " + limit + " for limit: must be 1 to " + MAX_RECORDS);
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
