package dev.ripple.ops.server;

import dev.ripple.ops.metrics.Metrics;
import io.javalin.config.JavalinConfig;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Consumer;

/**
 * The HTTP face of a part run as its own process ({@code ripple producer}, {@code replica}, {@code propagator},
 * {@code purger}, {@code conits track}):
 * {@code /healthz}, {@code /readyz} over the part's {@link Readiness}, and {@code /metrics} over its meters and the
 * JVM's, plus any routes of the part's own.
 */
public final class PartServer {
    private PartServer() {}

    /**
     * Binds the meters, the readiness and the server's own to a fresh registry and serves them.
     *
     * @param meters the part's meter binders; bind before the part starts where its Javadoc asks for it
     * @throws IllegalStateException if the port cannot be bound, naming it
     */
    public static RippleHttpServer start(String host, int port, HttpServerOptions options, Readiness readiness,
            List<MeterBinder> meters, List<Consumer<JavalinConfig>> routes) {
        Metrics metrics = Metrics.create().bind(meters.toArray(MeterBinder[]::new)).bind(readiness);
        List<Consumer<JavalinConfig>> all = new ArrayList<>(routes);
        all.add(metrics.routes());
        all.add(readiness.routes());
        RippleHttpServer server = RippleHttpServer.start(host, port, options, all);
        metrics.bind(server.metrics());
        return server;
    }
}
