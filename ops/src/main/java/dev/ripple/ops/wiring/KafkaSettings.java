package dev.ripple.ops.wiring;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * How every Kafka client of a part connects: the bootstrap servers and any further client properties (TLS, SASL,
 * {@code client.rack}, …), passed to each service through its {@code withKafkaOverrides(...)}. Immutable.
 *
 * @param bootstrapServers Kafka {@code bootstrap.servers}, not blank
 * @param properties further client properties; a service's own required settings may still win over them
 */
public record KafkaSettings(String bootstrapServers, Map<String, String> properties) {
    public KafkaSettings {
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        if (bootstrapServers.isBlank()) {
            throw new IllegalArgumentException("Invalid value '' for bootstrapServers: must name at least one broker");
        }
        properties = Map.copyOf(properties);
    }

    /** The given servers and no further properties. */
    public static KafkaSettings of(String bootstrapServers) {
        return new KafkaSettings(bootstrapServers, Map.of());
    }

    /** These settings with {@code defaults} added where the properties do not set the same key. */
    public KafkaSettings withDefaults(Map<String, String> defaults) {
        Map<String, String> merged = new LinkedHashMap<>(defaults);
        merged.putAll(properties);
        return new KafkaSettings(bootstrapServers, merged);
    }

    /** The properties as the {@code Map<String, Object>} that some configs take. */
    public Map<String, Object> objects() {
        return Map.copyOf(properties);
    }

    /** Every client property, {@code bootstrap.servers} included. */
    public Map<String, Object> clientProperties() {
        Map<String, Object> all = new LinkedHashMap<>(properties);
        all.put("bootstrap.servers", bootstrapServers);
        return all;
    }
}
