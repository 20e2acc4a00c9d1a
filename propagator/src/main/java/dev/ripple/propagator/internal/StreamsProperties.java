package dev.ripple.propagator.internal;

import dev.ripple.propagator.Delivery;
import dev.ripple.propagator.PropagatorConfig;
import dev.ripple.runtime.Checks;
import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Properties;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.processor.UsePartitionTimeOnInvalidTimestamp;

/** The Streams properties of a {@link PropagatorConfig}, through the one client factory ({@link KafkaClients}). */
final class StreamsProperties {
    /** Streams' own default {@code poll.ms}. */
    private static final long STREAMS_POLL_MS = 100;

    private StreamsProperties() {}

    /** How the propagator reaches Kafka: its brokers and overrides, named after its application id. */
    static KafkaSettings kafka(PropagatorConfig config) {
        return KafkaSettings.of(config.bootstrapServers(), config.kafkaOverrides(), config.applicationId());
    }

    static Properties of(PropagatorConfig config, Path stateDir) {
        Map<String, Object> p = new HashMap<>();
        p.put(StreamsConfig.NUM_STANDBY_REPLICAS_CONFIG, config.standbyReplicas());
        p.put(StreamsConfig.NUM_STREAM_THREADS_CONFIG, config.streamThreads());
        p.put(StreamsConfig.REPLICATION_FACTOR_CONFIG, (int) config.replicationFactor());
        p.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        p.put(StreamsConfig.DESERIALIZATION_EXCEPTION_HANDLER_CLASS_CONFIG, DeadLetterHandler.class.getName());
        p.put(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG, true);
        // and again for the main consumer: its partition assignor reads a StreamsConfig of the consumer's properties
        // only, which without it warns that the handler is not enabled for the global thread (Kafka 4.3)
        p.put(StreamsConfig.mainConsumerPrefix(StreamsConfig.PROCESSING_EXCEPTION_HANDLER_GLOBAL_ENABLED_CONFIG), true);
        // a record without a valid timestamp is still propagated (at its partition's time), not a fatal error
        p.put(StreamsConfig.DEFAULT_TIMESTAMP_EXTRACTOR_CLASS_CONFIG, UsePartitionTimeOnInvalidTimestamp.class);
        p.put(DeadLetterHandler.TOPIC_PREFIX_CONFIG, config.topics().prefix());
        p.put(DeadLetterHandler.MAX_RECORD_BYTES_CONFIG, Integer.toString(config.maxRecordBytes()));
        // outputs may be as large as the record limit (the processor dead-letters anything larger)
        p.put(StreamsConfig.producerPrefix(ProducerConfig.MAX_REQUEST_SIZE_CONFIG), config.maxRecordBytes());
        // new stream topics match the source pattern on the next metadata refresh: within 30 s, not 5 min
        p.put(StreamsConfig.mainConsumerPrefix(ConsumerConfig.METADATA_MAX_AGE_CONFIG), 30_000);
        p.putAll(config.streamsSettings()); // the processing guarantee of its delivery mode, commits, batching
        Properties props = KafkaClients.streams(kafka(config), config.applicationId(), p);
        props.putIfAbsent(StreamsConfig.POLL_MS_CONFIG, pollMillis(props, config.watermarkInterval()));
        if (config.delivery() == Delivery.EXACTLY_ONCE) {
            props.putIfAbsent(StreamsConfig.producerPrefix(ProducerConfig.LINGER_MS_CONFIG), lingerMillis(props));
        }
        return props;
    }

    /**
     * Streams' {@code poll.ms}, unless the operator set it: the commit interval or the watermark interval, whichever
     * is longer, at most Streams' default 100 ms. How long an idle stream thread sleeps before it fires wall-clock
     * punctuations (watermarks, purge windows) that fell due meanwhile. It no longer bounds when an exactly-once
     * commit comes ({@link OnTimeCommits} wakes the thread when one is due), so it need not follow a short commit
     * interval: every wake-up of an idle stream thread costs tens of microseconds that do not scale with records (a
     * 5-ms poll cost an idle {@code ripple up} 1.6% of a core more than 100 ms in {@code ripple bench idle}).
     */
    static long pollMillis(Properties props, Duration watermarkInterval) {
        long longer = Math.max(commitInterval(props).toMillis(), watermarkInterval.toMillis());
        return Math.max(1, Math.min(STREAMS_POLL_MS, longer));
    }

    /**
     * The producer's {@code linger.ms} under exactly-once, unless the operator set it: a quarter of the commit
     * interval, at most Streams' 100 ms (a 60-s interval would otherwise hold outputs 15 s). Each commit flushes the
     * producer and waits for every output to be acknowledged; with Streams' 100 ms the outputs of a whole interval
     * waited in the producer for that flush, so every commit began with a produce round trip (read-committed readers
     * wait for the commit). Sent while the interval runs, most are acknowledged when the commit comes; batches still
     * fill by size at high rates.
     */
    static long lingerMillis(Properties props) {
        return Math.max(1, Math.min(STREAMS_POLL_MS, commitInterval(props).toMillis() / 4));
    }

    /**
     * The commit interval in force: {@code commit.interval.ms} as set, else Streams' default under exactly-once.
     *
     * @throws IllegalArgumentException naming the property, for a value that is not a whole, non-negative number of
     *     milliseconds
     */
    static Duration commitInterval(Properties props) {
        Object interval = props.get(StreamsConfig.COMMIT_INTERVAL_MS_CONFIG);
        if (interval == null) {
            return Duration.ofMillis(STREAMS_POLL_MS);
        }
        try {
            return Duration.ofMillis(Checks.atLeast(Long.parseLong(interval.toString().trim()),
                    StreamsConfig.COMMIT_INTERVAL_MS_CONFIG, 0));
        } catch (NumberFormatException e) {
            IllegalArgumentException invalid = Checks.invalid(interval, StreamsConfig.COMMIT_INTERVAL_MS_CONFIG,
                    "must be a whole number of milliseconds");
            invalid.initCause(e);
            throw invalid;
        }
    }
}
