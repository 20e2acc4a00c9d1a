package dev.ripple.runtime.kafka.internal;

import dev.ripple.runtime.kafka.KafkaSettings;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.producer.ProducerConfig;

/**
 * Merges a client's properties in one order, lowest first: the kind's defaults, the part's own settings, the
 * operator's properties, then what the kind fixes. Properties Kafka documents for another kind of client only are
 * left out, so a consumer's {@code isolation.level} does not reach a producer as an unknown config.
 */
public final class ClientProperties {
    /** The kinds of client, each with the properties Kafka documents for it. */
    public enum Kind {
        PRODUCER(ProducerConfig.configNames()),
        CONSUMER(ConsumerConfig.configNames()),
        ADMIN(AdminClientConfig.configNames()),
        /** Streams takes every client's properties, and prefixed ones, so nothing is left out. */
        STREAMS(Set.of());

        private final Set<String> own;

        Kind(Set<String> own) {
            this.own = own;
        }

        boolean foreign(String key) {
            if (this == STREAMS || own.contains(key)) {
                return false;
            }
            return ProducerConfig.configNames().contains(key) || ConsumerConfig.configNames().contains(key)
                    || AdminClientConfig.configNames().contains(key);
        }
    }

    private ClientProperties() {}

    /**
     * @param defaults the kind's defaults
     * @param own the part's own settings; the operator's properties win over them
     * @param fixed what the kind fixes; wins over everything
     */
    public static Map<String, Object> merge(Kind kind, KafkaSettings settings, Map<String, ?> defaults,
            Map<String, ?> own, Map<String, ?> fixed) {
        Map<String, Object> props = new HashMap<>(defaults);
        props.putAll(own);
        props.putAll(settings.properties());
        props.putAll(fixed);
        props.put("bootstrap.servers", settings.bootstrapServers());
        for (String key : new HashSet<>(props.keySet())) {
            if (kind.foreign(key)) {
                props.remove(key);
            }
        }
        return props;
    }
}
