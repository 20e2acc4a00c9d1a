package dev.ripple.monitor.dlq;

import static dev.ripple.monitor.MonitorMetricNames.DLQ_REPLAYED;
import static dev.ripple.monitor.MonitorMetricNames.DLQ_REPLAY_FAILURES;
import static dev.ripple.monitor.MonitorMetricNames.TAG_CONSUMER;

import dev.ripple.events.DeadLetterRecord;
import dev.ripple.events.FailedRecord;
import dev.ripple.events.TopicNames;
import dev.ripple.runtime.kafka.ConsumerGroups;
import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.NoSuchElementException;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Lists and replays the records of {@code ripple.dlq.<consumer>}, and lists {@code ripple.refused.<part>}. A replay
 * sends the original record (its value byte for byte and its original headers, {@code ripple-dlq-*} left off) with
 * its key to its original topic and partition (by key for a record that never reached Kafka), where the consumer
 * that failed on it reads it again; downstream applies are idempotent, so a record replayed twice does no harm. A
 * header ({@value #REPLAYED_FROM}) names the DLQ record.
 *
 * <p>What was replayed is marked in the DLQ's cursor ({@link DlqCursor}, committed to the group
 * {@code <prefix>-dlq-<consumer>}) once Kafka took it, so {@link #list}, {@code ripple dlq list} and the depth show only
 * what waits. A record that cannot be replayed (not a dead letter, or its value was left out) keeps waiting.
 *
 * <p>Thread-safe; replays of one DLQ are serialised in this process (two processes replaying the same DLQ at once may
 * each mark only their own records: the others show again, and replaying them again is harmless). Replays are
 * counted ({@code ripple_dlq_replayed_total}) in the registry given.
 */
public final class DeadLetterQueues implements AutoCloseable {
    /** Header on a replayed record: {@code <dlq topic>:<id>}. */
    public static final String REPLAYED_FROM = "ripple-replayed-from";
    /** Most records one list or replay call handles. */
    public static final int MAX_RECORDS = 10_000;
    private static final long CALL_TIMEOUT_S = 30;
    private static final Logger log = LoggerFactory.getLogger(DeadLetterQueues.class);

    private final DlqReader reader;
    private final TopicNames topics;
    private final ConsumerGroups groups;
    private final Admin admin;
    private final KafkaProducer<String, byte[]> producer;
    private final MeterRegistry registry;
    private final Map<String, Object> locks = new ConcurrentHashMap<>();

    /**
     * @param clientSettings extra Kafka client settings (TLS, SASL)
     * @param registry where replays are counted
     */
    public DeadLetterQueues(String bootstrapServers, Map<String, Object> clientSettings, TopicNames topics,
            MeterRegistry registry) {
        this.topics = topics;
        this.groups = ConsumerGroups.of(topics);
        this.registry = registry;
        this.reader = new DlqReader(bootstrapServers, clientSettings);
        KafkaSettings kafka = KafkaSettings.of(bootstrapServers, clientSettings, "ripple-dlq-replay");
        this.admin = KafkaClients.admin(kafka);
        try {
            this.producer = KafkaClients.idempotentProducer(kafka, null, Map.of(), new StringSerializer(),
                    new ByteArraySerializer());
        } catch (RuntimeException e) {
            admin.close();
            throw e;
        }
    }

    /** The topic names this installation uses. */
    public TopicNames topics() {
        return topics;
    }

    /**
     * The oldest {@code limit} records waiting in a consumer's DLQ (not replayed yet).
     *
     * @throws NoSuchElementException if the consumer has no DLQ topic
     * @throws IllegalArgumentException for an invalid consumer name or limit
     */
    public List<DeadLetter> list(String consumer, int limit) {
        requireLimit(limit);
        String dlq = topics.dlq(consumer);
        return reader.read(dlq, cursors(consumer, dlq), limit).waiting().stream().map(DeadLetterQueues::view)
                .toList();
    }

    /**
     * The oldest {@code limit} events a part refused of its clients ({@code ripple.refused.<part>}, kept 7 days). They
     * are never replayed: a client fixes its request and sends it again.
     *
     * @throws NoSuchElementException if the part has no refusals topic
     */
    public List<DeadLetter> refused(String part, int limit) {
        requireLimit(limit);
        return reader.read(topics.refused(part), Map.of(), limit).waiting().stream().map(DeadLetterQueues::view)
                .toList();
    }

    /**
     * Replays one waiting record ({@code id}) or every waiting record ({@code id} null, at most {@link #MAX_RECORDS}),
     * at most {@code ratePerSecond}, and marks what Kafka took as replayed.
     *
     * @param ratePerSecond records per second; 0 or less for no pacing
     * @throws NoSuchElementException if the DLQ or the id does not exist
     * @throws ReplayConflictException if the record was replayed already, or cannot be marked (see {@link DlqCursor})
     */
    public ReplayResult replay(String consumer, String id, double ratePerSecond) throws InterruptedException {
        String dlq = topics.dlq(consumer);
        synchronized (locks.computeIfAbsent(dlq, d -> new Object())) {
            Map<TopicPartition, DlqCursor> cursors = cursors(consumer, dlq);
            List<ConsumerRecord<String, byte[]>> records;
            DlqReader.Read read = null;
            if (id != null) {
                TopicPartition tp = DlqReader.parse(dlq, id);
                ConsumerRecord<String, byte[]> one = reader.one(dlq, id);
                if (one == null) {
                    throw new NoSuchElementException("No record " + id + " in " + dlq + ".");
                }
                DlqCursor cursor = cursors.getOrDefault(tp, DlqCursor.NONE);
                if (!cursor.waiting(one.offset())) {
                    throw new ReplayConflictException("Record " + id + " of " + dlq + " was replayed already; if it "
                            + "failed again, it is in the queue again under a new id ('ripple dlq list " + consumer
                            + "').");
                }
                if (!cursor.with(one.offset()).fits()) {
                    throw new ReplayConflictException("Cannot mark " + id + " as replayed: " + dlq + " partition "
                            + tp.partition() + " already remembers " + cursor.replayed().size() + " separate replayed "
                            + "records past its oldest waiting one. Replay with --all, or the oldest records first.");
                }
                records = List.of(one);
            } else {
                read = reader.read(dlq, cursors, MAX_RECORDS);
                records = read.waiting();
            }
            Replay replay = send(consumer, dlq, records, ratePerSecond);
            List<String> problems = new ArrayList<>(replay.problems);
            problems.addAll(mark(consumer, cursors, read, replay.sent));
            log.info("Replayed {} record(s) of {} ({} skipped, {} failed)", replay.sent.size(), dlq,
                    records.size() - replay.sent.size() - replay.failed, replay.failed);
            return new ReplayResult(consumer, replay.sent.size(), records.size() - replay.sent.size() - replay.failed,
                    replay.failed, problems);
        }
    }

    private record Replay(Set<TopicPartitionOffset> sent, int failed, List<String> problems) {}

    private record TopicPartitionOffset(TopicPartition partition, long offset) {}

    private Replay send(String consumer, String dlq, List<ConsumerRecord<String, byte[]>> records,
            double ratePerSecond) throws InterruptedException {
        long gapNanos = ratePerSecond > 0 ? (long) (1e9 / ratePerSecond) : 0;
        long next = System.nanoTime();
        Set<TopicPartitionOffset> sent = new HashSet<>();
        int failed = 0;
        List<String> problems = new ArrayList<>();
        for (ConsumerRecord<String, byte[]> record : records) {
            String recordId = record.partition() + "@" + record.offset();
            DeadLetterRecord letter = letter(record);
            String skip = letter == null ? "not a dead letter (no ripple-dlq-* headers)"
                    : letter.valueLeftOut() >= 0 ? "its value was left out of the dead letter: it is on "
                            + letter.original().topic() + "-" + letter.original().partition() + "@"
                            + letter.original().offset() : null;
            if (skip != null) {
                problems.add(recordId + ": skipped, " + skip);
                continue;
            }
            TimeUnit.NANOSECONDS.sleep(Math.max(0, next - System.nanoTime()));
            next = Math.max(next, System.nanoTime()) + gapNanos;
            FailedRecord original = letter.original();
            ProducerRecord<String, byte[]> replay = new ProducerRecord<>(original.topic(),
                    original.partition() >= 0 ? original.partition() : null, null, original.key(), original.value(),
                    letter.originalHeaders());
            replay.headers().add(REPLAYED_FROM, (dlq + ":" + recordId).getBytes(StandardCharsets.UTF_8));
            try {
                producer.send(replay).get(CALL_TIMEOUT_S, TimeUnit.SECONDS);
                sent.add(new TopicPartitionOffset(new TopicPartition(record.topic(), record.partition()),
                        record.offset()));
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
        return new Replay(sent, failed, problems);
    }

    /** Commits the cursors with what was sent marked; returns a problem per partition it could not mark in full. */
    private List<String> mark(String consumer, Map<TopicPartition, DlqCursor> cursors, DlqReader.Read read,
            Set<TopicPartitionOffset> sent) {
        Set<TopicPartition> touched = new HashSet<>();
        sent.forEach(s -> touched.add(s.partition()));
        if (read != null) {
            touched.addAll(read.seen().keySet());
        }
        Map<TopicPartition, OffsetAndMetadata> commits = new HashMap<>();
        List<String> problems = new ArrayList<>();
        for (TopicPartition tp : touched) {
            DlqCursor before = cursors.getOrDefault(tp, DlqCursor.NONE);
            DlqCursor after = read == null ? before : before.after(read.seen().getOrDefault(tp, List.of()),
                    offset -> sent.contains(new TopicPartitionOffset(tp, offset)));
            if (read == null) {
                for (TopicPartitionOffset s : sent) {
                    after = s.partition().equals(tp) ? after.with(s.offset()) : after;
                }
            }
            if (!after.fits()) {
                after = after.trimmed();
                problems.add(tp.topic() + " partition " + tp.partition() + ": too many separate replayed records to "
                        + "remember past the oldest waiting one; some replayed records show as waiting again "
                        + "(replaying them again is harmless)");
            }
            if (!after.equals(before)) {
                commits.put(tp, after.committed());
            }
        }
        if (!commits.isEmpty()) {
            String group = groups.dlqCursor(consumer);
            try {
                admin.alterConsumerGroupOffsets(group, commits).all().get(CALL_TIMEOUT_S, TimeUnit.SECONDS);
            } catch (ExecutionException | TimeoutException | InterruptedException e) {
                if (e instanceof InterruptedException) {
                    Thread.currentThread().interrupt();
                }
                problems.add("the replayed records could not be marked in " + group + " (" + e.getMessage()
                        + "): they still show as waiting; replaying them again is harmless");
            }
        }
        return problems;
    }

    /** Each partition's cursor: the committed offsets of the DLQ's cursor group. */
    private Map<TopicPartition, DlqCursor> cursors(String consumer, String dlq) {
        try {
            Map<TopicPartition, OffsetAndMetadata> committed = admin.listConsumerGroupOffsets(
                    groups.dlqCursor(consumer)).partitionsToOffsetAndMetadata().get(CALL_TIMEOUT_S, TimeUnit.SECONDS);
            Map<TopicPartition, DlqCursor> cursors = new HashMap<>();
            committed.forEach((tp, offset) -> {
                if (tp.topic().equals(dlq)) {
                    cursors.put(tp, DlqCursor.of(offset));
                }
            });
            return cursors;
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("Could not read what was replayed of " + dlq + " (group "
                    + groups.dlqCursor(consumer) + "): " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted while reading the cursor of " + dlq, e);
        }
    }

    private static DeadLetterRecord letter(ConsumerRecord<String, byte[]> record) {
        try {
            return DeadLetterRecord.read(record.key(), record.value(), record.headers());
        } catch (IllegalArgumentException e) {
            return null;
        }
    }

    private static DeadLetter view(ConsumerRecord<String, byte[]> record) {
        String id = record.partition() + "@" + record.offset();
        DeadLetterRecord letter = letter(record);
        if (letter == null) {
            return new DeadLetter(id, "?", "not a dead letter (no ripple-dlq-* headers)", 0, null, null, "?", -1, -1,
                    record.key(), record.value() == null ? -1 : record.value().length, List.of(), null);
        }
        FailedRecord o = letter.original();
        String text = o.valueText();
        return new DeadLetter(id, letter.consumer(), letter.reason(), letter.attempts(), letter.firstFailure(),
                letter.lastFailure(), o.topic(), o.partition(), o.offset(), o.key(),
                o.value() == null ? -1 : o.value().length,
                letter.originalHeaders().stream().map(h -> h.key()).toList(),
                text == null ? null : text.length() > 160 ? text.substring(0, 160) + "…" : text);
    }

    private static void requireLimit(int limit) {
        if (limit < 1 || limit > MAX_RECORDS) {
            throw new IllegalArgumentException("Invalid value " + limit + " for limit: must be 1 to " + MAX_RECORDS);
        }
    }

    @Override
    public void close() {
        producer.close();
        admin.close();
    }
}
