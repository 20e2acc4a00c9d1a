package dev.ripple.propagator;

import static dev.ripple.runtime.Checks.require;

import dev.ripple.events.TopicNames;
import dev.ripple.runtime.Checks;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * How a {@link Propagator} runs. Immutable; start from {@link #defaults(String)} and change with the
 * {@code with…} methods. Every setter checks its range and names the value it refuses.
 *
 * @param bootstrapServers Kafka {@code bootstrap.servers}
 * @param applicationId the Streams application id: consumer group, transactional ids and changelog prefix
 * @param topics topic naming
 * @param partitions the cluster's partition count (DESIGN.md 4): every source stream has it, region topics are
 *     created with it, and an existing topic with another count stops the start; 1 to 10,000
 * @param replicationFactor replication factor of the topics it creates (region, conit log, DLQ, changelogs);
 *     -1 for the broker's default
 * @param standbyReplicas warm copies of each task's state on other instances ({@code num.standby.replicas}), 0 to
 *     10; default {@value #DEFAULT_STANDBY_REPLICAS}. When an instance dies, its tasks move to the instance that
 *     holds their standby and resume from nearly current state, instead of restoring each store from its changelog
 *     first (minutes for a large key-version store). Costs each instance the disk and changelog reads of the copies
 *     it keeps. A copy is never kept on the instance that runs the task: with one instance there is nothing to
 *     place, which Streams says at WARN on each rebalance ("Unable to assign 1 of 1 standby tasks"), and nothing
 *     else changes
 * @param streamThreads Streams threads in this instance; tasks (one per partition) spread over them
 * @param stateDir where task state lives; null for a temporary directory deleted on close (state is then
 *     restored from changelogs after a restart)
 * @param watermarkInterval see {@link TopologyOptions#watermarkInterval()}
 * @param maxBufferedPurges see {@link TopologyOptions#maxBufferedPurges()}
 * @param maxRecordBytes see {@link TopologyOptions#maxRecordBytes()}; also the {@code max.message.bytes} of
 *     the topics it creates and its producer's {@code max.request.size}
 * @param closeTimeout how long {@link Propagator#close()} waits for Streams to commit and stop
 * @param commitInterval how often each stream thread commits its transaction ({@code commit.interval.ms}):
 *     under exactly-once, outputs become visible to read-committed consumers (appliers, purgers) only at a commit,
 *     so this bounds the propagator's share of end-to-end latency; under at-least-once it bounds what a crash
 *     routes again; longer intervals mean fewer, larger transactions (fewer
 *     blocking producer flushes and fewer version-gate changelog records per event). 1 ms to 60 s; default
 *     {@value #DEFAULT_COMMIT_INTERVAL_MS} ms, Streams' own default under exactly-once ({@code kafkaOverrides}
 *     win over it)
 * @param compression the producer's {@code compression.type} for everything the propagator writes: one of
 *     {@code none, gzip, snappy, lz4, zstd}; default {@value #DEFAULT_COMPRESSION}. Each event fans out into a
 *     full copy per region plus purge requests, so the broker stores and the appliers read several times the
 *     source bytes; compressed batches cut that (and the broker's CPU) for little producer CPU. Snappy rather
 *     than lz4: Kafka's lz4 stream allocates two 64-KiB buffers per producer batch, and at ordinary load a batch holds
 *     one record (the stream thread spent 25–40% more CPU per event at 500 events/s with lz4, BENCHMARKS.md); snappy
 *     recycles its buffers
 * @param batchBytes the producer's {@code batch.size}: most bytes batched per partition before a batch is sent
 *     (memory: up to one batch per output partition, within {@code buffer.memory}); 1 KiB to 4 MiB, default
 *     {@value #DEFAULT_BATCH_BYTES}. Producer metrics ({@code batch-size-avg}, {@code compression-rate-avg},
 *     {@code bufferpool-wait-time-ns-total}) are in Streams' metrics and JMX
 * @param delivery {@link Delivery#EXACTLY_ONCE} (default) or {@link Delivery#AT_LEAST_ONCE}: the processing
 *     guarantee, and with it when appliers and purgers see a record (at the next commit, or as soon as it is
 *     written) and what a crash costs (nothing twice, or the events since the last commit routed again)
 * @param kafkaOverrides further Streams, producer or consumer properties (TLS, SASL, timeouts); they may not
 *     change the processing guarantee (choose {@code delivery})
 */
public record PropagatorConfig(String bootstrapServers, String applicationId, TopicNames topics, int partitions,
        short replicationFactor, int standbyReplicas, int streamThreads, Path stateDir, Duration watermarkInterval,
        int maxBufferedPurges, int maxRecordBytes, Duration closeTimeout, Duration commitInterval,
        String compression, int batchBytes, Delivery delivery, Map<String, String> kafkaOverrides) {

    public static final int DEFAULT_PARTITIONS = 6;
    public static final int DEFAULT_STANDBY_REPLICAS = 1;
    public static final long DEFAULT_COMMIT_INTERVAL_MS = 100;
    public static final String DEFAULT_COMPRESSION = "snappy";
    public static final int DEFAULT_BATCH_BYTES = 64 * 1024;
    private static final Set<String> COMPRESSIONS = Set.of("none", "gzip", "snappy", "lz4", "zstd");
    private static final Set<String> FIXED = Set.of("processing.guarantee", "application.id",
            "bootstrap.servers");

    public PropagatorConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(applicationId, "applicationId");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(watermarkInterval, "watermarkInterval");
        Objects.requireNonNull(closeTimeout, "closeTimeout");
        Objects.requireNonNull(commitInterval, "commitInterval");
        Objects.requireNonNull(compression, "compression");
        Objects.requireNonNull(delivery, "delivery");
        kafkaOverrides = Map.copyOf(Objects.requireNonNull(kafkaOverrides, "kafkaOverrides"));
        require(!bootstrapServers.isBlank(), "bootstrapServers", bootstrapServers, "must name at least one broker");
        require(applicationId.matches("[A-Za-z0-9._-]{1,200}"), "applicationId", applicationId,
                "use 1 to 200 letters, digits, '.', '_' or '-'");
        Checks.range(partitions, "partitions", 1, 10_000);
        require(replicationFactor == -1 || replicationFactor >= 1, "replicationFactor", replicationFactor,
                "must be -1 (broker default) or at least 1");
        Checks.range(standbyReplicas, "standbyReplicas", 0, 10);
        Checks.range(streamThreads, "streamThreads", 1, 64);
        Checks.notNegative(closeTimeout, "closeTimeout");
        require(commitInterval.toMillis() >= 1 && commitInterval.compareTo(Duration.ofSeconds(60)) <= 0,
                "commitInterval", commitInterval, "must be 1 ms to 60 s");
        require(COMPRESSIONS.contains(compression), "compression", compression,
                "must be one of none, gzip, snappy, lz4, zstd");
        require(batchBytes >= 1024 && batchBytes <= 4 << 20, "batchBytes", batchBytes, "must be 1 KiB to 4 MiB");
        for (String key : kafkaOverrides.keySet()) {
            require(!FIXED.contains(key), "kafkaOverrides", key,
                    "set by the propagator itself (the guarantee by the delivery mode)");
        }
        new TopologyOptions(topics, watermarkInterval, maxBufferedPurges, maxRecordBytes, java.time.Clock.systemUTC(),
                new PropagatorMetrics()); // checks the topology's own ranges, with its messages
    }

    /** Application {@code ripple-propagator}, 6 partitions, broker replication, one standby, one thread. */
    public static PropagatorConfig defaults(String bootstrapServers) {
        return new PropagatorConfig(bootstrapServers, "ripple-propagator", TopicNames.defaults(), DEFAULT_PARTITIONS,
                (short) -1, DEFAULT_STANDBY_REPLICAS, 1, null, TopologyOptions.DEFAULT_WATERMARK_INTERVAL,
                TopologyOptions.DEFAULT_MAX_BUFFERED_PURGES, TopologyOptions.DEFAULT_MAX_RECORD_BYTES,
                Duration.ofSeconds(30), Duration.ofMillis(DEFAULT_COMMIT_INTERVAL_MS), DEFAULT_COMPRESSION,
                DEFAULT_BATCH_BYTES, Delivery.EXACTLY_ONCE, Map.of());
    }

    public PropagatorConfig withApplicationId(String id) {
        return new PropagatorConfig(bootstrapServers, id, topics, partitions, replicationFactor, standbyReplicas,
                streamThreads, stateDir, watermarkInterval, maxBufferedPurges, maxRecordBytes, closeTimeout,
                commitInterval, compression, batchBytes, delivery, kafkaOverrides);
    }

    public PropagatorConfig withTopics(TopicNames names) {
        return new PropagatorConfig(bootstrapServers, applicationId, names, partitions, replicationFactor,
                standbyReplicas, streamThreads, stateDir, watermarkInterval, maxBufferedPurges, maxRecordBytes,
                closeTimeout, commitInterval, compression, batchBytes, delivery, kafkaOverrides);
    }

    public PropagatorConfig withPartitions(int count) {
        return new PropagatorConfig(bootstrapServers, applicationId, topics, count, replicationFactor,
                standbyReplicas, streamThreads, stateDir, watermarkInterval, maxBufferedPurges, maxRecordBytes,
                closeTimeout, commitInterval, compression, batchBytes, delivery, kafkaOverrides);
    }

    public PropagatorConfig withReplication(short factor, int standbys) {
        return new PropagatorConfig(bootstrapServers, applicationId, topics, partitions, factor, standbys,
                streamThreads, stateDir, watermarkInterval, maxBufferedPurges, maxRecordBytes, closeTimeout,
                commitInterval, compression, batchBytes, delivery, kafkaOverrides);
    }

    public PropagatorConfig withStreamThreads(int threads) {
        return new PropagatorConfig(bootstrapServers, applicationId, topics, partitions, replicationFactor,
                standbyReplicas, threads, stateDir, watermarkInterval, maxBufferedPurges, maxRecordBytes,
                closeTimeout, commitInterval, compression, batchBytes, delivery, kafkaOverrides);
    }

    public PropagatorConfig withStateDir(Path dir) {
        return new PropagatorConfig(bootstrapServers, applicationId, topics, partitions, replicationFactor,
                standbyReplicas, streamThreads, dir, watermarkInterval, maxBufferedPurges, maxRecordBytes,
                closeTimeout, commitInterval, compression, batchBytes, delivery, kafkaOverrides);
    }

    public PropagatorConfig withWatermarkInterval(Duration interval) {
        return new PropagatorConfig(bootstrapServers, applicationId, topics, partitions, replicationFactor,
                standbyReplicas, streamThreads, stateDir, interval, maxBufferedPurges, maxRecordBytes, closeTimeout,
                commitInterval, compression, batchBytes, delivery, kafkaOverrides);
    }

    public PropagatorConfig withCommitInterval(Duration interval) {
        return new PropagatorConfig(bootstrapServers, applicationId, topics, partitions, replicationFactor,
                standbyReplicas, streamThreads, stateDir, watermarkInterval, maxBufferedPurges, maxRecordBytes,
                closeTimeout, interval, compression, batchBytes, delivery, kafkaOverrides);
    }

    /** Producer compression and batch size, as {@code compression.type} and {@code batch.size}. */
    public PropagatorConfig withProducerBatching(String compressionType, int batchSizeBytes) {
        return new PropagatorConfig(bootstrapServers, applicationId, topics, partitions, replicationFactor,
                standbyReplicas, streamThreads, stateDir, watermarkInterval, maxBufferedPurges, maxRecordBytes,
                closeTimeout, commitInterval, compressionType, batchSizeBytes, delivery, kafkaOverrides);
    }

    /**
     * The generic Streams settings the propagator chooses beyond Streams' defaults ({@code processing.guarantee}
     * and what the {@link #delivery()} mode adds, {@code commit.interval.ms}, the producer's {@code
     * compression.type} and {@code batch.size}), before {@link #kafkaOverrides()}; a benchmark's baseline
     * topology takes the same, so a comparison is fair.
     */
    public Map<String, Object> streamsSettings() {
        Map<String, Object> settings = new HashMap<>(delivery.settings());
        settings.put("processing.guarantee", delivery.guarantee());
        settings.put("commit.interval.ms", commitInterval.toMillis());
        settings.put("producer.compression.type", compression);
        settings.put("producer.batch.size", batchBytes);
        return Map.copyOf(settings);
    }

    /** The delivery mode: Streams' processing guarantee and what goes with it ({@link Delivery}). */
    public PropagatorConfig withDelivery(Delivery mode) {
        return new PropagatorConfig(bootstrapServers, applicationId, topics, partitions, replicationFactor,
                standbyReplicas, streamThreads, stateDir, watermarkInterval, maxBufferedPurges, maxRecordBytes,
                closeTimeout, commitInterval, compression, batchBytes, mode, kafkaOverrides);
    }

    public PropagatorConfig withKafkaOverrides(Map<String, String> overrides) {
        return new PropagatorConfig(bootstrapServers, applicationId, topics, partitions, replicationFactor,
                standbyReplicas, streamThreads, stateDir, watermarkInterval, maxBufferedPurges, maxRecordBytes,
                closeTimeout, commitInterval, compression, batchBytes, delivery, overrides);
    }
}
