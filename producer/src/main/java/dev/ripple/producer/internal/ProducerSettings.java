package dev.ripple.producer.internal;

import dev.ripple.producer.PublisherConfig;
import dev.ripple.runtime.kafka.ConsumerGroups;
import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Kafka settings of a publisher: durable and idempotent ({@link KafkaClients#idempotentProducer}), ordered per key,
 * bounded in memory and time by its {@link PublisherConfig}.
 */
final class ProducerSettings {
    private static final int REQUEST_TIMEOUT_CAP_MS = 30_000;
    private static final int LINGER_MS = 2;

    private ProducerSettings() {}

    /** The publisher's brokers and overrides; its clients are named {@code ripple-publisher}. */
    static KafkaSettings kafka(PublisherConfig config) {
        return KafkaSettings.of(config.bootstrapServers(), config.kafkaOverrides(),
                ConsumerGroups.of(config.topics()).of("publisher"));
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
