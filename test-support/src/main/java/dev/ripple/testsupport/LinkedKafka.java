package dev.ripple.testsupport;

import dev.ripple.embedded.EmbeddedKafka;
import java.io.IOException;
import java.util.Map;

/**
 * A broker of its own that clients reach only through a link the test can cut ({@link #link()}): it advertises the
 * link's port, so that every connection, the metadata's included, goes through it.
 */
public record LinkedKafka(NetworkCut link, EmbeddedKafka kafka) implements AutoCloseable {
    public static LinkedKafka start() throws IOException {
        int[] ports = NetworkCut.freePorts(3);
        NetworkCut link = NetworkCut.between(ports[2], ports[0]);
        try {
            return new LinkedKafka(link, EmbeddedKafka.start(EmbeddedKafka.Options.defaults().withPorts(ports[0],
                    ports[1]).withBrokerOverrides(Map.of("advertised.listeners", "PLAINTEXT://127.0.0.1:"
                    + link.port()))));
        } catch (RuntimeException e) {
            link.close();
            throw e;
        }
    }

    /** Where clients connect: the link. */
    public String bootstrap() {
        return "127.0.0.1:" + link.port();
    }

    @Override
    public void close() {
        link.restore();
        try {
            kafka.close();
        } finally {
            link.close();
        }
    }
}
