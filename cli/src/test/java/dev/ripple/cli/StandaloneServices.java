package dev.ripple.cli;

import dev.ripple.config.ConfigStore;
import dev.ripple.config.DemoConfig;
import dev.ripple.config.EtcdOptions;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.EtcdProcess;
import java.util.function.Consumer;

/**
 * A broker and an etcd of their own, seeded with the demo config, for tests that start parts as OS processes
 * ({@link PartProcess}) and so must not share the default topic and config names with other tests.
 */
public final class StandaloneServices implements AutoCloseable {
    private final EmbeddedKafka kafka;
    private final EtcdProcess etcd;

    private StandaloneServices(EmbeddedKafka kafka, EtcdProcess etcd) {
        this.kafka = kafka;
        this.etcd = etcd;
    }

    /** Starts both and imports the demo config, then lets {@code more} write to the store. */
    public static StandaloneServices start(Consumer<ConfigStore> more) {
        EmbeddedKafka kafka = EmbeddedKafka.start();
        EtcdProcess etcd = EtcdProcess.start();
        try (ConfigStore store = ConfigStore.etcd(EtcdOptions.of(etcd.endpoint()))) {
            DemoConfig.seed(store);
            more.accept(store);
        }
        return new StandaloneServices(kafka, etcd);
    }

    public String bootstrapServers() {
        return kafka.bootstrapServers();
    }

    public String etcd() {
        return etcd.endpoint();
    }

    @Override
    public void close() {
        etcd.close();
        kafka.close();
    }
}
