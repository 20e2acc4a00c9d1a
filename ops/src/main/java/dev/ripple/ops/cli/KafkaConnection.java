package dev.ripple.ops.cli;

import picocli.CommandLine.Option;

/** The Kafka option of the commands that run a Ripple part against a cluster (a picocli mixin). */
public final class KafkaConnection {
    @Option(names = "--bootstrap-servers", required = true, paramLabel = "HOST:PORT[,…]",
            defaultValue = "${env:RIPPLE_KAFKA}", description = "Kafka bootstrap servers (env RIPPLE_KAFKA).")
    String bootstrapServers;

    /** The bootstrap servers, as given. */
    public String bootstrapServers() {
        return bootstrapServers;
    }
}
