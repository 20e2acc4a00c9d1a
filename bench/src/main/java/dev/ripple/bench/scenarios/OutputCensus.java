package dev.ripple.bench.scenarios;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Predicate;
import java.util.function.UnaryOperator;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;

/**
 * What a round wrote, counted on the broker: per topic, its committed records and their bytes. The fan-out
 * pass-through is shaped after the propagator's census, and its own census is shown beside it.
 */
final class OutputCensus {
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration TIMEOUT = Duration.ofMinutes(5);
    private static final String CHANGELOG = "changelog ";
    private static final String CHANGELOG_SUFFIX = "-changelog";

    private OutputCensus() {}

    /**
     * One topic's share.
     *
     * @param role the topic's name without its round's prefix, e.g. {@code replicate.eqiad}, or a changelog's
     *     {@code changelog key-versions}
     * @param partitions its partition count
     * @param records committed records (transaction markers not counted)
     * @param keyBytes the keys' bytes
     * @param valueBytes the values' and headers' bytes
     */
    record TopicLoad(String role, int partitions, long records, long keyBytes, long valueBytes) {
        boolean isChangelog() {
            return role.startsWith(CHANGELOG);
        }

        /** Average value (and headers) bytes per record. */
        int valueBytesPerRecord() {
            return records == 0 ? 0 : (int) Math.round((double) valueBytes / records);
        }
    }

    /**
     * What a round's application wrote per source event.
     *
     * @param events the source events of the round
     * @param topics every topic written to, changelogs included, by role
     */
    record Census(long events, List<TopicLoad> topics) {
        Census {
            topics = List.copyOf(topics);
        }

        double recordsPerEvent(Predicate<TopicLoad> which) {
            return topics.stream().filter(which).mapToLong(TopicLoad::records).sum() / (double) events;
        }

        double bytesPerEvent(Predicate<TopicLoad> which) {
            return topics.stream().filter(which).mapToLong(t -> t.keyBytes() + t.valueBytes()).sum()
                    / (double) events;
        }
    }

    /**
     * Counts what was written to the topics named {@code prefix.*} (other than {@code source}) and to the
     * changelogs of {@code applicationId}, reading each to its committed end.
     */
    static Census take(String bootstrap, String prefix, String source, String applicationId, long events)
            throws Exception {
        String changelogs = applicationId + "-";
        UnaryOperator<String> role = topic -> topic.startsWith(changelogs)
                ? CHANGELOG + topic.substring(changelogs.length(), topic.length() - CHANGELOG_SUFFIX.length())
                : topic.substring(prefix.length() + 1);
        Map<String, TopicDescription> described;
        try (Admin admin = Admin.create(Map.<String, Object>of("bootstrap.servers", bootstrap))) {
            List<String> names = admin.listTopics().names().get().stream()
                    .filter(t -> !t.equals(source) && (t.startsWith(prefix + ".")
                            || t.startsWith(changelogs) && t.endsWith(CHANGELOG_SUFFIX)))
                    .toList();
            described = admin.describeTopics(names).allTopicNames().get();
        }
        List<TopicPartition> partitions = new ArrayList<>();
        described.values().forEach(d -> d.partitions().forEach(p -> partitions.add(
                new TopicPartition(d.name(), p.partition()))));
        Map<String, long[]> counts = count(bootstrap, partitions);
        Map<String, TopicLoad> loads = new TreeMap<>();
        described.forEach((topic, d) -> {
            long[] c = counts.getOrDefault(topic, new long[3]);
            if (c[0] > 0) {
                loads.put(role.apply(topic), new TopicLoad(role.apply(topic), d.partitions().size(), c[0], c[1],
                        c[2]));
            }
        });
        return new Census(events, List.copyOf(loads.values()));
    }

    /** Per topic: records, key bytes, value and header bytes, read committed from the beginning to the end. */
    private static Map<String, long[]> count(String bootstrap, Collection<TopicPartition> partitions) {
        Map<String, long[]> counts = new HashMap<>();
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap,
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed",
                ConsumerConfig.MAX_POLL_RECORDS_CONFIG, 5_000,
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new ByteArrayDeserializer(),
                new ByteArrayDeserializer())) {
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            while (!partitions.stream().allMatch(p -> consumer.position(p) >= end.get(p))) {
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException("Gave up reading the round's outputs after " + TIMEOUT);
                }
                for (ConsumerRecord<byte[], byte[]> record : consumer.poll(POLL)) {
                    long[] c = counts.computeIfAbsent(record.topic(), t -> new long[3]);
                    c[0]++;
                    c[1] += record.key() == null ? 0 : record.key().length;
                    c[2] += record.value() == null ? 0 : record.value().length;
                    for (Header header : record.headers()) {
                        c[2] += header.key().length() + (header.value() == null ? 0 : header.value().length);
                    }
                }
            }
        }
        return counts;
    }
}
