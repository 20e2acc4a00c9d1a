package dev.ripple.runtime.server;

import io.javalin.config.JavalinConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The one HTTP server of a Ripple process, whether it runs every part ({@code ripple up}) or one
 * ({@code ripple producer}, {@code replica}, {@code propagator}, {@code purger}, {@code conits track},
 * {@code ops}): {@code /healthz}, {@code /readyz} over the parts' {@link Readiness}, {@code /metrics} over the
 * process's registry (with the JVM's meters), plus the parts' own routes.
 */
public final class PartServer {
    private PartServer() {}

    /**
     * Binds the readiness and the server's meters to {@code metrics} and serves them with {@code routes}.
     *
     * @param metrics the process's registry, where the parts bound their meters
     * @param readiness every part of the process, in start order
     * @throws IllegalStateException if the port cannot be bound, naming it
     */
    public static RippleHttpServer start(String host, int port, HttpServerOptions options, Metrics metrics,
            List<Readiness.Part> readiness, List<Consumer<JavalinConfig>> routes) {
        Readiness ready = Readiness.of(readiness);
        metrics.bind(ready);
        List<Consumer<JavalinConfig>> all = new ArrayList<>(routes);
        all.add(metrics.routes());
        all.add(ready.routes());
        RippleHttpServer server = RippleHttpServer.start(host, port, options, all);
        metrics.bind(server.metrics());
        return server;
    }
}
