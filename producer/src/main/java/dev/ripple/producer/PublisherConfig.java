package dev.ripple.producer;

import static dev.ripple.runtime.Checks.require;

import dev.ripple.consistency.EpochSource;
import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.events.TopicNames;
import dev.ripple.runtime.Checks;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How a {@link Publisher} connects and how much it may hold. Immutable; change with the {@code with…} methods.
 *
 * @param bootstrapServers Kafka {@code bootstrap.servers}
 * @param topics topic naming
 * @param tokens signs and verifies session tokens
 * @param epoch the epoch in force (config store {@code /ripple/epoch}, followed live); tokens from older epochs are
 *     refused, and new sessions start in it
 * @param maxEventBytes largest serialized event accepted, in bytes (a stream may set a lower limit)
 * @param bufferMemoryBytes Kafka {@code buffer.memory}: bytes of unsent events held before {@code publish}
 *     blocks
 * @param maxBlock longest {@code publish} blocks for buffer space or metadata before failing (Kafka
 *     {@code max.block.ms})
 * @param deliveryTimeout longest from send to acknowledgement before failing (Kafka {@code delivery.timeout.ms})
 * @param kafkaOverrides further Kafka producer properties (TLS, SASL, …); may not weaken acks or idempotence
 */
public record PublisherConfig(String bootstrapServers, TopicNames topics, SessionTokenCodec tokens, EpochSource epoch,
        int maxEventBytes, long bufferMemoryBytes, Duration maxBlock, Duration deliveryTimeout,
        Map<String, String> kafkaOverrides) {

    public static final int DEFAULT_MAX_EVENT_BYTES = 1 << 20;

    public PublisherConfig {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(tokens, "tokens");
        Objects.requireNonNull(maxBlock, "maxBlock");
        Objects.requireNonNull(deliveryTimeout, "deliveryTimeout");
        kafkaOverrides = Map.copyOf(Objects.requireNonNull(kafkaOverrides, "kafkaOverrides"));
        Objects.requireNonNull(epoch, "epoch");
        Checks.atLeast(maxEventBytes, "maxEventBytes", 256);
        require(bufferMemoryBytes >= maxEventBytes, "bufferMemoryBytes", bufferMemoryBytes,
                "must be at least maxEventBytes (" + maxEventBytes + ")");
        Checks.notNegative(maxBlock, "maxBlock");
        Checks.positive(deliveryTimeout, "deliveryTimeout");
        for (String key : kafkaOverrides.keySet()) {
            require(!key.equals("acks") && !key.equals("enable.idempotence"), "kafkaOverrides", key,
                    "Ripple always publishes with acks=all and idempotence");
        }
    }

    /** 1 MiB events, 32 MiB of buffer, 5 s to block, 30 s to deliver, epoch 0. */
    public static PublisherConfig defaults(String bootstrapServers, SessionTokenCodec tokens) {
        return new PublisherConfig(bootstrapServers, TopicNames.defaults(), tokens, EpochSource.fixed(0),
                DEFAULT_MAX_EVENT_BYTES,
                32L << 20, Duration.ofSeconds(5), Duration.ofSeconds(30), Map.of());
    }

    public PublisherConfig withTimeouts(Duration newMaxBlock, Duration newDeliveryTimeout) {
        return new PublisherConfig(bootstrapServers, topics, tokens, epoch, maxEventBytes, bufferMemoryBytes,
                newMaxBlock, newDeliveryTimeout, kafkaOverrides);
    }

    public PublisherConfig withKafkaOverrides(Map<String, String> overrides) {
        return new PublisherConfig(bootstrapServers, topics, tokens, epoch, maxEventBytes, bufferMemoryBytes,
                maxBlock, deliveryTimeout, overrides);
    }

    public PublisherConfig withEpoch(EpochSource newEpoch) {
        return new PublisherConfig(bootstrapServers, topics, tokens, newEpoch, maxEventBytes, bufferMemoryBytes,
                maxBlock, deliveryTimeout, kafkaOverrides);
    }

    public PublisherConfig withLimits(int newMaxEventBytes, long newBufferMemoryBytes) {
        return new PublisherConfig(bootstrapServers, topics, tokens, epoch, newMaxEventBytes, newBufferMemoryBytes,
                maxBlock, deliveryTimeout, kafkaOverrides);
    }
}
