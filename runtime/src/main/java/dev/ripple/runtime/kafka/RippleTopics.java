package dev.ripple.runtime.kafka;

import dev.ripple.events.TopicNames;
import dev.ripple.runtime.kafka.TopicSpec.Kind;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * The one specification of every Ripple topic (DESIGN.md section 4). Names come from {@link TopicNames}; this adds
 * how each is created:
 *
 * <table>
 *   <caption>Ripple topics</caption>
 *   <tr><th>topic</th><th>partitions</th><th>cleanup</th><th>retention</th></tr>
 *   <tr><td>stream, replicate, purge</td><td>the cluster's count, exactly</td><td>delete</td><td>broker's</td></tr>
 *   <tr><td>latest</td><td>the cluster's count, exactly</td><td>compact</td><td>latest per key</td></tr>
 *   <tr><td>conit-log</td><td>the cluster's count</td><td>delete</td><td>broker's</td></tr>
 *   <tr><td>positions, conit-status, probe-inconsistencies</td><td>1</td><td>compact</td><td>latest per key</td></tr>
 *   <tr><td>retry</td><td>the cluster's count</td><td>delete</td><td>7 days</td></tr>
 *   <tr><td>dlq</td><td>the cluster's count</td><td>delete</td><td>broker's</td></tr>
 *   <tr><td>refused</td><td>the cluster's count</td><td>delete</td><td>7 days</td></tr>
 * </table>
 *
 * <p>Every topic is created with {@code replicationFactor}; topics that carry events (stream, latest, replicate,
 * purge, retry, dlq, refused) with {@code max.message.bytes} when it is set. Immutable.
 *
 * @param names topic naming
 * @param partitions the cluster's partition count; 1 to 10,000
 * @param replicationFactor replicas of every topic; -1 for the broker's default
 * @param maxMessageBytes {@code max.message.bytes} of the topics that carry events; 0 for the broker's default
 */
public record RippleTopics(TopicNames names, int partitions, short replicationFactor, int maxMessageBytes) {
    /** The cluster's partition count unless configured otherwise (DESIGN.md section 4). */
    public static final int DEFAULT_PARTITIONS = 6;
    /** How long a retry topic keeps what it holds. */
    public static final Duration RETRY_RETENTION = Duration.ofDays(7);
    /** How long a refusals topic keeps the requests a part refused: long enough to show a client its mistake. */
    public static final Duration REFUSED_RETENTION = Duration.ofDays(7);
    /**
     * How long {@code ripple.deps} keeps its records: long enough to outlast any propagator outage, since the
     * dependency index is in the propagator's stores (changelogged) and only the records not yet read are needed.
     */
    public static final Duration DEPS_RETENTION = Duration.ofDays(7);

    public RippleTopics {
        Objects.requireNonNull(names, "names");
        if (partitions < 1 || partitions > 10_000) {
            throw new IllegalArgumentException("Invalid value " + partitions + " for partitions: must be 1 to 10000");
        }
        if (replicationFactor != -1 && replicationFactor < 1) {
            throw new IllegalArgumentException("Invalid value " + replicationFactor + " for replication factor: "
                    + "must be -1 (broker default) or at least 1");
        }
        if (maxMessageBytes != 0 && maxMessageBytes < 1024) {
            throw new IllegalArgumentException("Invalid value " + maxMessageBytes + " for max.message.bytes: must "
                    + "be 0 (broker default) or at least 1024");
        }
    }

    /** {@code partitions} partitions, the broker's replication and message size. */
    public static RippleTopics of(TopicNames names, int partitions) {
        return new RippleTopics(names, partitions, (short) -1, 0);
    }

    public RippleTopics withReplicationFactor(short factor) {
        return new RippleTopics(names, partitions, factor, maxMessageBytes);
    }

    public RippleTopics withMaxMessageBytes(int bytes) {
        return new RippleTopics(names, partitions, replicationFactor, bytes);
    }

    public TopicSpec stream(String stream) {
        return spec(names.stream(stream), Kind.STREAM, partitions, large(Map.of()));
    }

    /**
     * A stream's latest-state topic: partition p holds the latest event of each key of the stream's partition p
     * that the propagator passed (compacted, so one record per key survives retention).
     */
    public TopicSpec latest(String stream) {
        return spec(names.latest(stream), Kind.LATEST, partitions, large(Map.of("cleanup.policy", "compact")));
    }

    /** The lane of derived events: co-partitioned with the streams, kept as they are. */
    public TopicSpec derived() {
        return spec(names.derived(), Kind.DERIVED, partitions, large(Map.of()));
    }

    /** The propagator's dependency declarations and invalidation requests: co-partitioned, kept 7 days. */
    public TopicSpec deps() {
        return spec(names.deps(), Kind.DEPS, partitions, large(Map.of("retention.ms",
                Long.toString(DEPS_RETENTION.toMillis()))));
    }

    public TopicSpec replicate(String region) {
        return spec(names.replicate(region), Kind.REPLICATE, partitions, large(Map.of()));
    }

    public TopicSpec purge(String region) {
        return spec(names.purge(region), Kind.PURGE, partitions, large(Map.of()));
    }

    public TopicSpec conitLog() {
        return spec(names.conitLog(), Kind.CONIT_LOG, partitions, Map.of());
    }

    public TopicSpec positions() {
        return spec(names.positions(), Kind.POSITIONS, 1, Map.of("cleanup.policy", "compact"));
    }

    public TopicSpec conitStatus() {
        return spec(names.conitStatus(), Kind.CONIT_STATUS, 1, Map.of("cleanup.policy", "compact"));
    }

    /** What the prober found not served in time, one record per region, target and write (DESIGN.md 15). */
    public TopicSpec probeInconsistencies() {
        return spec(names.probeInconsistencies(), Kind.PROBE_INCONSISTENCIES, 1, Map.of("cleanup.policy", "compact"));
    }

    public TopicSpec retry(String consumer) {
        return spec(names.retry(consumer), Kind.RETRY, partitions,
                large(Map.of("retention.ms", Long.toString(RETRY_RETENTION.toMillis()))));
    }

    public TopicSpec dlq(String consumer) {
        return spec(names.dlq(consumer), Kind.DLQ, partitions, large(Map.of()));
    }

    /** What a part refused of its clients' requests ({@link TopicNames#refused}); not a DLQ, no alert reads it. */
    public TopicSpec refused(String part) {
        return spec(names.refused(part), Kind.REFUSED, partitions,
                large(Map.of("retention.ms", Long.toString(REFUSED_RETENTION.toMillis()))));
    }

    /**
     * Every topic of an installation: each stream's source and latest-state topics, each region's replicate and purge
     * topics, the propagator's {@code ripple.derived} and {@code ripple.deps}, the conit log, the positions, the conit status, the prober's inconsistencies, the intake's
     * refusals, and each consumer's
     * dead-letter topic (retry topics only for {@code retryingConsumers}).
     */
    public List<TopicSpec> all(Collection<String> streams, Collection<String> regions,
            Collection<String> deadLetterConsumers, Collection<String> retryingConsumers) {
        List<TopicSpec> specs = new ArrayList<>();
        for (String stream : streams) {
            specs.add(stream(stream));
            specs.add(latest(stream));
        }
        for (String region : regions) {
            specs.add(replicate(region));
            specs.add(purge(region));
        }
        specs.add(derived());
        specs.add(deps());
        specs.add(conitLog());
        specs.add(positions());
        specs.add(conitStatus());
        specs.add(probeInconsistencies());
        retryingConsumers.forEach(c -> specs.add(retry(c)));
        specs.add(refused(TopicNames.INTAKE));
        deadLetterConsumers.forEach(c -> specs.add(dlq(c)));
        return List.copyOf(specs);
    }

    private TopicSpec spec(String name, Kind kind, int count, Map<String, String> configs) {
        return new TopicSpec(name, kind, count, replicationFactor, configs);
    }

    private Map<String, String> large(Map<String, String> configs) {
        if (maxMessageBytes == 0) {
            return configs;
        }
        Map<String, String> withSize = new HashMap<>(configs);
        withSize.put("max.message.bytes", Integer.toString(maxMessageBytes));
        return withSize;
    }
}
