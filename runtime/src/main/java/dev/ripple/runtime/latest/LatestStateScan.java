package dev.ripple.runtime.latest;

import dev.ripple.events.EditEvent;
import dev.ripple.events.RecordHeaders;
import dev.ripple.events.SourcePosition;
import dev.ripple.events.TopicNames;
import dev.ripple.events.codec.FastJson;
import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import dev.ripple.runtime.kafka.KafkaSetupException;
import java.io.IOException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.OptionalLong;
import java.util.TreeSet;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Reads partitions of the latest-state topics ({@code ripple.latest.<stream>}) of some streams, from resume offsets
 * up to the end offsets taken when it opened; read committed, no group (assigned partitions), so it never moves
 * anyone's committed offsets. Records written after it opened are not read: a rebuild or replay covers what was
 * there when it started, and the live pipeline carries the rest.
 *
 * <p>Not thread-safe: one thread polls it, then closes it.
 */
public final class LatestStateScan implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(LatestStateScan.class);
    private static final Duration METADATA_TIMEOUT = Duration.ofSeconds(30);
    private static final String ROLE = "latest-scan";

    private final Consumer<String, byte[]> consumer;
    private final TopicNames topics;
    /** Latest-state topic → its stream. */
    private final Map<String, String> streamByTopic;
    private final Map<TopicPartition, Long> end;
    /** Per partition, the next offset to read: where it started, then past what {@link #poll} returned. */
    private final Map<TopicPartition, Long> next;
    private final long total;
    private long read;
    private long skipped;

    private LatestStateScan(Consumer<String, byte[]> consumer, TopicNames topics, Map<String, String> streamByTopic,
            Map<TopicPartition, Long> end, Map<TopicPartition, Long> next) {
        this.consumer = consumer;
        this.topics = topics;
        this.streamByTopic = streamByTopic;
        this.end = end;
        this.next = next;
        long sum = 0;
        for (Map.Entry<TopicPartition, Long> e : end.entrySet()) {
            sum += Math.max(0, e.getValue() - next.get(e.getKey()));
        }
        this.total = sum;
    }

    /**
     * Opens a scan of {@code partitions} of the latest-state topic of each of {@code streams}.
     *
     * @param kafka the cluster and client properties
     * @param topics topic naming
     * @param streams the streams whose latest state to read
     * @param partitions the partitions to read of each stream's topic
     * @param from per latest-state TopicPartition, the next offset to read (absent = from the beginning; an offset
     *     compaction has removed starts at the first one left)
     * @throws KafkaSetupException if a latest-state topic is missing, lacks one of {@code partitions}, or Kafka
     *     does not answer within 30 s
     */
    public static LatestStateScan open(KafkaSettings kafka, TopicNames topics, Collection<String> streams,
            Collection<Integer> partitions, Map<TopicPartition, Long> from) {
        Objects.requireNonNull(partitions, "partitions");
        return scan(kafka, topics, streams, partitions, from);
    }

    /**
     * Opens a scan of every partition of the latest-state topic of each of {@code streams}, from the beginning.
     *
     * @throws KafkaSetupException if a latest-state topic is missing, or Kafka does not answer within 30 s
     */
    public static LatestStateScan openAll(KafkaSettings kafka, TopicNames topics, Collection<String> streams) {
        return scan(kafka, topics, streams, null, Map.of());
    }

    /** @param partitions null for every partition of each topic */
    private static LatestStateScan scan(KafkaSettings kafka, TopicNames topics, Collection<String> streams,
            Collection<Integer> partitions, Map<TopicPartition, Long> from) {
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(from, "from");
        Map<String, Object> own = Map.of("isolation.level", "read_committed", "auto.offset.reset", "earliest");
        Consumer<String, byte[]> consumer = KafkaClients.consumer(kafka, ROLE, null, own, new StringDeserializer(),
                new ByteArrayDeserializer());
        try {
            Map<String, String> streamByTopic = new HashMap<>();
            List<TopicPartition> assigned = new ArrayList<>();
            for (String stream : new TreeSet<>(streams)) {
                String topic = topics.latest(stream);
                streamByTopic.put(topic, stream);
                List<PartitionInfo> infos = consumer.partitionsFor(topic, METADATA_TIMEOUT);
                if (infos == null || infos.isEmpty()) {
                    throw new KafkaSetupException("Topic " + topic + " does not exist: the propagator creates the "
                            + "latest-state topic of every configured stream when it starts (versions before it "
                            + "kept latest state did not); start the propagator, then try again.");
                }
                Collection<Integer> wanted = partitions != null ? new TreeSet<>(partitions)
                        : infos.stream().map(PartitionInfo::partition).sorted().toList();
                for (int partition : wanted) {
                    if (partition < 0 || partition >= infos.size()) {
                        throw new KafkaSetupException("Topic " + topic + " has " + infos.size() + " partitions, so "
                                + "no partition " + partition + ": latest-state topics have the streams' count.");
                    }
                    assigned.add(new TopicPartition(topic, partition));
                }
            }
            Map<TopicPartition, Long> beginning = consumer.beginningOffsets(assigned, METADATA_TIMEOUT);
            // read committed: the end offsets are the last stable ones, what this consumer can read up to
            Map<TopicPartition, Long> end = consumer.endOffsets(assigned, METADATA_TIMEOUT);
            Map<TopicPartition, Long> next = new LinkedHashMap<>();
            consumer.assign(assigned);
            for (TopicPartition tp : assigned) {
                long start = Math.min(end.get(tp), Math.max(beginning.get(tp), from.getOrDefault(tp, 0L)));
                next.put(tp, start);
                consumer.seek(tp, start);
            }
            LatestStateScan scan = new LatestStateScan(consumer, topics, streamByTopic, Map.copyOf(end), next);
            scan.pauseDone();
            log.debug("Scanning the latest state of streams {} ({} partitions): up to {} records", new TreeSet<>(
                    streams), assigned.size(), scan.total);
            return scan;
        } catch (KafkaException e) {
            consumer.close(Duration.ofSeconds(5));
            throw new KafkaSetupException("Could not open the latest-state topics of streams " + streams + ": "
                    + e.getMessage(), e);
        } catch (RuntimeException e) {
            consumer.close(Duration.ofSeconds(5));
            throw e;
        }
    }

    /**
     * The next entries, in each partition's order (possibly empty before {@link #done()}); unreadable records are
     * skipped, counted ({@link #skipped()}) and logged once at WARN; tombstones are passed over.
     *
     * @param timeout how long to wait for records when none are fetched yet
     */
    public List<LatestEntry> poll(Duration timeout) {
        if (done()) {
            return List.of();
        }
        ConsumerRecords<String, byte[]> records = consumer.poll(timeout);
        List<LatestEntry> entries = new ArrayList<>(records.count());
        for (ConsumerRecord<String, byte[]> record : records) {
            TopicPartition tp = new TopicPartition(record.topic(), record.partition());
            Long until = end.get(tp);
            if (until == null || record.offset() >= until) {
                continue; // written after the scan opened
            }
            read++;
            if (record.value() != null) {
                LatestEntry entry = entry(record);
                if (entry != null) {
                    entries.add(entry);
                }
            }
        }
        // every partition, not only those with records: transaction markers move a position without records
        for (Map.Entry<TopicPartition, Long> e : next.entrySet()) {
            TopicPartition tp = e.getKey();
            if (e.getValue() < end.get(tp)) {
                e.setValue(Math.min(end.get(tp), consumer.position(tp)));
            }
        }
        pauseDone();
        return entries;
    }

    /** The entry of a record, or null (counted, and logged the first time) if it cannot be read. */
    private LatestEntry entry(ConsumerRecord<String, byte[]> record) {
        String stream = streamByTopic.get(record.topic());
        try {
            EditEvent event = FastJson.readEditEvent(record.value());
            if (event == null || !event.key().equals(record.key())) {
                return unreadable(record, "its key is not its event's key");
            }
            OptionalLong offset = RecordHeaders.sourceOffset(record.headers());
            if (offset.isEmpty()) {
                return unreadable(record, "it has no " + RecordHeaders.SOURCE_OFFSET + " header");
            }
            SourcePosition source = new SourcePosition(topics.stream(stream), record.partition(),
                    offset.getAsLong(), Instant.ofEpochMilli(Math.max(0, record.timestamp())));
            return new LatestEntry(stream, event, source);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            return unreadable(record, e.getMessage() == null ? e.getClass().getSimpleName()
                    : e.getMessage().lines().findFirst().orElse(""));
        }
    }

    private LatestEntry unreadable(ConsumerRecord<String, byte[]> record, String reason) {
        if (skipped++ == 0) {
            log.warn("Skipping {}-{}@{}, not a latest-state record ({}); further ones are only counted",
                    record.topic(), record.partition(), record.offset(), reason);
        }
        return null;
    }

    /** Stops fetching partitions that reached their end, so nothing written since is fetched for nothing. */
    private void pauseDone() {
        List<TopicPartition> reached = new ArrayList<>();
        for (Map.Entry<TopicPartition, Long> e : next.entrySet()) {
            if (e.getValue() >= end.get(e.getKey())) {
                reached.add(e.getKey());
            }
        }
        consumer.pause(reached);
    }

    /** Whether every partition reached its end offset at open. */
    public boolean done() {
        for (Map.Entry<TopicPartition, Long> e : next.entrySet()) {
            if (e.getValue() < end.get(e.getKey())) {
                return false;
            }
        }
        return true;
    }

    /**
     * Per latest-state TopicPartition, the next offset to read once the entries of every {@link #poll} so far are
     * handled: persist it, and pass it to {@link #open} to resume.
     */
    public Map<TopicPartition, Long> next() {
        return Map.copyOf(next);
    }

    /** Records read so far (entries, skipped records and tombstones). */
    public long read() {
        return read;
    }

    /**
     * An upper estimate of the records this scan reads: end minus start offsets (compaction and transaction markers
     * leave gaps, so fewer are read).
     */
    public long total() {
        return total;
    }

    /** Unreadable records skipped so far. */
    public long skipped() {
        return skipped;
    }

    @Override
    public void close() {
        consumer.close(Duration.ofSeconds(5));
        if (skipped > 0) {
            log.warn("The latest-state scan skipped {} unreadable records of {} read", skipped, read);
        }
    }
}
