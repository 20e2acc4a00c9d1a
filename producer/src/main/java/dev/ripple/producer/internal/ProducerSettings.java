package dev.ripple.producer.internal;

import dev.ripple.producer.PublisherConfig;
import dev.ripple.runtime.kafka.ConsumerGroups;
import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Kafka settings of a publisher: durable and idempotent ({@link KafkaClients#idempotentProducer}), ordered per key,
 * bounded in memory and time by its {@link PublisherConfig}.
 */
final class ProducerSettings {
    private static final Logger log = LoggerFactory.getLogger(ProducerSettings.class);
    private static final int REQUEST_TIMEOUT_CAP_MS = 30_000;
    private static final int LINGER_MS = 2;

    private ProducerSettings() {}

    /** The publisher's brokers and overrides; its clients are named {@code ripple-publisher}. */
    static KafkaSettings kafka(PublisherConfig config) {
        return KafkaSettings.of(config.bootstrapServers(), config.kafkaOverrides(),
                ConsumerGroups.of(config.topics()).of("publisher"));
    }

    /**
     * {@code config} for a publisher none of whose sends may block longer than {@code bound}: its {@code maxBlock}, and
     * an operator's {@code max.block.ms} (which would otherwise win), lowered to {@code bound} where longer.
     */
    static PublisherConfig blockingAtMost(PublisherConfig config, Duration bound) {
        PublisherConfig bounded = config.maxBlock().compareTo(bound) > 0
                ? config.withTimeouts(bound, config.deliveryTimeout()) : config;
        String operators = config.kafkaOverrides().get(ProducerConfig.MAX_BLOCK_MS_CONFIG);
        if (operators != null && parsesAbove(operators, bound.toMillis())) {
            log.warn("The intake lowers {}={} to its publish timeout, {} ms, so that it answers in time",
                    ProducerConfig.MAX_BLOCK_MS_CONFIG, operators, bound.toMillis());
            Map<String, String> overrides = new HashMap<>(config.kafkaOverrides());
            overrides.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, Long.toString(bound.toMillis()));
            bounded = bounded.withKafkaOverrides(overrides);
        }
        return bounded;
    }

    private static boolean parsesAbove(String millis, long bound) {
        try {
            return Long.parseLong(millis.trim()) > bound;
        } catch (NumberFormatException e) {
            return false; // Kafka refuses it when the producer is created, naming it
        }
    }

    /** The publisher's own producer settings, under the operator's overrides. */
    static Map<String, Object> of(PublisherConfig config) {
        Map<String, Object> p = new HashMap<>();
        long delivery = config.deliveryTimeout().toMillis();
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.put(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, config.bufferMemoryBytes());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.maxBlock().toMillis());
        // delivery.timeout.ms must be at least linger.ms + request.timeout.ms
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, Math.min(REQUEST_TIMEOUT_CAP_MS,
                delivery - LINGER_MS)));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(delivery, LINGER_MS + 1));
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Math.max(config.maxEventBytes() + 4096, 1 << 20));
        return p;
    }
}
