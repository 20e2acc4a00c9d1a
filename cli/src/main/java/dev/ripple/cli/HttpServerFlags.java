package dev.ripple.cli;

import dev.ripple.runtime.server.HttpServerOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * Where and how the commands that run a part serve HTTP (a picocli mixin): address, port, and the server's bounds,
 * whose defaults are {@link HttpServerOptions}'s.
 */
public final class HttpServerFlags {
    private static final HttpServerOptions DEFAULTS = HttpServerOptions.defaults();

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address of the part's HTTP API, /metrics, /healthz and /readyz (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", paramLabel = "PORT", description = {"Their HTTP port; 0 picks a free one (default: "
            + "producer 8081, replica 8082,", "propagator 8083, purger 8084, conits track 8085, probe 8086, ops 9400)."})
    Integer port;

    /** The address to bind. */
    public String host() {
        return host;
    }

    /** The port given, else the command's {@code defaultPort}. */
    public int port(int defaultPort) {
        return port == null ? defaultPort : port;
    }

    @Option(names = "--http-idle-timeout-ms", paramLabel = "MS", description = "Close connections idle this long "
            + "(default: 30000).")
    Long idleTimeoutMs;

    @Option(names = "--http-min-body-rate", paramLabel = "BYTES/S", description = "Cut (408) request bodies slower "
            + "than this (default: 1024).")
    Long minBodyRate;

    @Option(names = "--http-max-connections", paramLabel = "N", description = "Open connections at most (default: "
            + "2000).")
    Integer maxConnections;

    @Option(names = "--http-max-threads", paramLabel = "N", description = "Request threads (default: 200).")
    Integer maxThreads;

    /**
     * The options given, over the defaults.
     *
     * @throws CliException naming the flag's invalid value
     */
    public HttpServerOptions options() {
        try {
            HttpServerOptions options = DEFAULTS;
            options = idleTimeoutMs == null ? options : options.withIdleTimeout(Duration.ofMillis(idleTimeoutMs));
            options = minBodyRate == null ? options : options.withMinRequestDataRate(minBodyRate);
            options = maxConnections == null ? options : options.withMaxConnections(maxConnections);
            return maxThreads == null ? options : options.withMaxThreads(maxThreads);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage() + ".");
        }
    }
}
