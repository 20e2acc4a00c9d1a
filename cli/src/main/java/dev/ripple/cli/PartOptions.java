package dev.ripple.cli;

import dev.ripple.cli.wiring.StartupWait;
import dev.ripple.runtime.kafka.KafkaSettings;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * The option set of every command that runs a Ripple part (a picocli mixin): Kafka, etcd, and where and how it
 * serves HTTP, and how long it waits for Kafka and etcd at start. Parts that write to Redis add
 * {@link RedisConnection}.
 */
public final class PartOptions {
    @Option(names = "--startup-timeout-s", paramLabel = "SECONDS", defaultValue = "120",
            description = {"How long to wait at start for Kafka and etcd to answer, retrying with backoff and saying",
                    "what it waits for (default: ${DEFAULT-VALUE})."})
    int startupTimeoutSeconds;

    @Mixin
    KafkaConnection kafka;

    @Mixin
    EtcdConnection etcd;

    @Mixin
    HttpServerFlags http;

    public KafkaConnection kafka() {
        return kafka;
    }

    public EtcdConnection etcd() {
        return etcd;
    }

    public HttpServerFlags http() {
        return http;
    }

    /** What the part waits for at start: Kafka, as {@code settings} reach it, and etcd when it is given. */
    public List<StartupWait.Dependency> dependencies(KafkaSettings settings) {
        List<StartupWait.Dependency> dependencies = new ArrayList<>(List.of(StartupWait.kafka(settings)));
        if (etcd.isSet()) {
            dependencies.add(StartupWait.etcd(etcd.options()));
        }
        return dependencies;
    }

    /** {@code --startup-timeout-s}. */
    public Duration startupTimeout() {
        if (startupTimeoutSeconds < 1) {
            throw new CliException("Invalid value " + startupTimeoutSeconds + " for option '--startup-timeout-s': "
                    + "must be at least 1.");
        }
        return Duration.ofSeconds(startupTimeoutSeconds);
    }
}
