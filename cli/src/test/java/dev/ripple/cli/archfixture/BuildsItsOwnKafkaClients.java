package dev.ripple.cli.archfixture;

import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.StringDeserializer;

/** Breaks the Kafka-client rule on purpose, so ArchitectureTest can show the rule catches it. */
public final class BuildsItsOwnKafkaClients {
    private BuildsItsOwnKafkaClients() {}

    static void clients() {
        Map<String, Object> props = Map.of("bootstrap.servers", "localhost:9092");
        new KafkaConsumer<>(props, new StringDeserializer(), new StringDeserializer()).close();
        Admin.create(props).close();
    }
}
