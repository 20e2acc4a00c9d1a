package dev.ripple.cli.wiring;

import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.ConfigView;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.TopicNames;
import dev.ripple.propagator.LatestRouting;
import dev.ripple.propagator.RuleSet;
import dev.ripple.replica.RebuildSource;
import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import dev.ripple.runtime.kafka.KafkaSetupException;
import dev.ripple.runtime.kafka.RippleTopics;
import dev.ripple.runtime.kafka.TopicProvisioner;
import dev.ripple.runtime.latest.LatestEntry;
import dev.ripple.runtime.latest.LatestStateScan;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.KafkaFuture;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.UnknownTopicOrPartitionException;

/**
 * The production {@link RebuildSource} (DESIGN.md 7.1): a partition's latest state from the compacted topics
 * {@code ripple.latest.<stream>} of every configured stream, routed to the region with the rules in force when the
 * rebuild opens (so a rule fixed since, or a region added since, gets what the rules say now).
 *
 * <p>A replica may start before any propagator has run: the latest-state topic of a stream whose source topic exists
 * is created here (co-partitioned with it) as every part creates what it needs, and a stream with no source topic yet
 * has no state to read.
 */
public final class LatestStateRebuild implements RebuildSource {
    private static final Duration KAFKA_WAIT = Duration.ofSeconds(30);
    private final KafkaSettings kafka;
    private final TopicNames topics;
    private final ConfigView config;
    private final Clock clock;
    /** Streams whose latest-state topic is known to exist. */
    private final Set<String> ensured = ConcurrentHashMap.newKeySet();

    public LatestStateRebuild(KafkaSettings kafka, TopicNames topics, ConfigView config, Clock clock) {
        this.kafka = Objects.requireNonNull(kafka, "kafka");
        this.topics = Objects.requireNonNull(topics, "topics");
        this.config = Objects.requireNonNull(config, "config");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public Scan open(String region, int partition, Map<String, Long> from) {
        ConfigSnapshot snapshot = config.snapshot();
        LatestRouting routing = new LatestRouting(RuleSet.compile(snapshot), clock);
        Map<TopicPartition, Long> start = new TreeMap<>(LatestStateRebuild::compare);
        from.forEach((entry, offset) -> {
            TopicPartitionKey key = TopicPartitionKey.parse(entry);
            start.put(new TopicPartition(key.topic(), key.partition()), offset);
        });
        LatestStateScan scan = LatestStateScan.open(kafka, topics, withState(snapshot.streams().keySet()),
                List.of(partition), start);
        return new RoutedScan(scan, routing, region);
    }

    /** The streams that have a source topic, their latest-state topics created where missing. */
    private List<String> withState(Collection<String> streams) {
        List<String> unknown = streams.stream().filter(s -> !ensured.contains(s)).sorted().toList();
        if (!unknown.isEmpty()) {
            try (Admin admin = KafkaClients.admin(kafka)) {
                Map<String, KafkaFuture<TopicDescription>> sources = admin.describeTopics(unknown.stream()
                        .map(topics::stream).toList()).topicNameValues();
                for (String stream : unknown) {
                    TopicDescription source = described(sources.get(topics.stream(stream)));
                    if (source != null) {
                        TopicProvisioner.ensure(admin, List.of(RippleTopics.of(topics, source.partitions().size())
                                .latest(stream)), KAFKA_WAIT);
                        ensured.add(stream);
                    }
                }
            }
        }
        return streams.stream().filter(ensured::contains).sorted().toList();
    }

    /** The topic's description, or null if it does not exist. */
    private static TopicDescription described(KafkaFuture<TopicDescription> future) {
        try {
            return future.get(KAFKA_WAIT.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof UnknownTopicOrPartitionException) {
                return null;
            }
            throw new KafkaSetupException("Could not describe a source topic: " + e.getCause().getMessage(), e);
        } catch (TimeoutException e) {
            throw new KafkaSetupException("Kafka did not describe a source topic within " + KAFKA_WAIT.toSeconds()
                    + " s", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new KafkaSetupException("Interrupted while describing a source topic", e);
        }
    }

    private static int compare(TopicPartition a, TopicPartition b) {
        int byTopic = a.topic().compareTo(b.topic());
        return byTopic != 0 ? byTopic : Integer.compare(a.partition(), b.partition());
    }

    /** A scan that keeps what the region's rules route to it, and notes how far every source partition was read. */
    private static final class RoutedScan implements Scan {
        private final LatestStateScan scan;
        private final LatestRouting routing;
        private final String region;
        private final Map<TopicPartitionKey, Long> covered = new TreeMap<>();

        RoutedScan(LatestStateScan scan, LatestRouting routing, String region) {
            this.scan = scan;
            this.routing = routing;
            this.region = region;
        }

        @Override
        public List<ReplicationRecord> poll(Duration timeout) {
            List<ReplicationRecord> routed = new ArrayList<>();
            for (LatestEntry entry : scan.poll(timeout)) {
                covered.merge(TopicPartitionKey.of(entry.source().topic(), entry.source().partition()),
                        entry.source().offset(), Math::max);
                routing.route(region, entry).ifPresent(routed::add);
            }
            return routed;
        }

        @Override
        public boolean done() {
            return scan.done();
        }

        @Override
        public Map<String, Long> cursor() {
            Map<String, Long> cursor = new TreeMap<>();
            scan.next().forEach((tp, next) -> cursor.put(TopicPartitionKey.of(tp.topic(), tp.partition()).toString(),
                    next));
            return cursor;
        }

        @Override
        public Map<TopicPartitionKey, Long> covered() {
            return Map.copyOf(covered);
        }

        @Override
        public long read() {
            return scan.read();
        }

        @Override
        public long total() {
            return scan.total();
        }

        @Override
        public void close() {
            scan.close();
        }
    }
}
