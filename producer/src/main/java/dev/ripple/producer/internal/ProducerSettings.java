package dev.ripple.producer.internal;

import dev.ripple.producer.PublisherConfig;
import java.util.HashMap;
import java.util.Map;
import org.apache.kafka.clients.producer.ProducerConfig;

/** Kafka producer properties for a publisher: durable, idempotent, ordered per key, bounded in memory. */
final class ProducerSettings {
    private static final int REQUEST_TIMEOUT_CAP_MS = 30_000;
    private static final int LINGER_MS = 2;

    private ProducerSettings() {}

    static Map<String, Object> of(PublisherConfig config) {
        Map<String, Object> p = new HashMap<>(config.kafkaOverrides());
        long delivery = config.deliveryTimeout().toMillis();
        p.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, config.bootstrapServers());
        p.put(ProducerConfig.ACKS_CONFIG, "all");
        p.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
        p.put(ProducerConfig.MAX_IN_FLIGHT_REQUESTS_PER_CONNECTION, 5);
        p.putIfAbsent(ProducerConfig.LINGER_MS_CONFIG, LINGER_MS);
        p.put(ProducerConfig.BUFFER_MEMORY_CONFIG, config.bufferMemoryBytes());
        p.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, config.maxBlock().toMillis());
        // delivery.timeout.ms must be at least linger.ms + request.timeout.ms
        p.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, (int) Math.max(1, Math.min(REQUEST_TIMEOUT_CAP_MS,
                delivery - LINGER_MS)));
        p.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, (int) Math.max(delivery, LINGER_MS + 1));
        p.put(ProducerConfig.MAX_REQUEST_SIZE_CONFIG, Math.max(config.maxEventBytes() + 4096, 1 << 20));
        p.putIfAbsent(ProducerConfig.CLIENT_ID_CONFIG, "ripple-publisher");
        return p;
    }
}
