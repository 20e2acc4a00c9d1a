package dev.ripple.ops.cli;

import dev.ripple.ops.server.HttpServerOptions;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The HTTP server bounds of the commands that serve HTTP (a picocli mixin); defaults are {@link HttpServerOptions}'s. */
public final class HttpServerFlags {
    private static final HttpServerOptions DEFAULTS = HttpServerOptions.defaults();

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
