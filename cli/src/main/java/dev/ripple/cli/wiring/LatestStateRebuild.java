package dev.ripple.cli.wiring;

import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.ConfigView;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.TopicNames;
import dev.ripple.propagator.LatestRouting;
import dev.ripple.propagator.RuleSet;
import dev.ripple.replica.RebuildSource;
import dev.ripple.runtime.kafka.KafkaSettings;
import dev.ripple.runtime.latest.LatestEntry;
import dev.ripple.runtime.latest.LatestStateScan;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import org.apache.kafka.common.TopicPartition;

/**
 * The production {@link RebuildSource} (DESIGN.md 7.1): a partition's latest state from the compacted topics
 * {@code ripple.latest.<stream>} of every configured stream, routed to the region with the rules in force when the
 * rebuild opens (so a rule fixed since, or a region added since, gets what the rules say now).
 */
public record LatestStateRebuild(KafkaSettings kafka, TopicNames topics, ConfigView config, Clock clock)
        implements RebuildSource {

    @Override
    public Scan open(String region, int partition, Map<String, Long> from) {
        ConfigSnapshot snapshot = config.snapshot();
        LatestRouting routing = new LatestRouting(RuleSet.compile(snapshot), clock);
        Map<TopicPartition, Long> start = new TreeMap<>(LatestStateRebuild::compare);
        from.forEach((entry, offset) -> {
            TopicPartitionKey key = TopicPartitionKey.parse(entry);
            start.put(new TopicPartition(key.topic(), key.partition()), offset);
        });
        LatestStateScan scan = LatestStateScan.open(kafka, topics, snapshot.streams().keySet(), List.of(partition),
                start);
        return new RoutedScan(scan, routing, region);
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
