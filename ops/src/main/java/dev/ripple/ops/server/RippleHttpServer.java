package dev.ripple.ops.server;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP server carrying the routes of the components in this process, plus {@code GET /healthz}. Unknown paths
 * and unhandled errors answer with RFC 9457 problem documents ({@code application/problem+json}).
 *
 * <p>Thread-safe. {@link #close()} stops accepting requests and waits for those in flight.
 */
public final class RippleHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RippleHttpServer.class);

    private final Javalin javalin;
    private final String host;

    private RippleHttpServer(Javalin javalin, String host) {
        this.javalin = javalin;
        this.host = host;
    }

    /**
     * Binds to {@code host:port} (port 0 picks a free one) and starts serving.
     *
     * @param components each adds its routes to the configuration
     * @throws IllegalStateException if the port cannot be bound, with the port named
     */
    public static RippleHttpServer start(String host, int port, List<Consumer<JavalinConfig>> components) {
        Objects.requireNonNull(host, "host");
        Javalin javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = host;
            config.jetty.port = port;
            config.routes.get("/healthz", ctx -> ctx.json(Map.of("status", "ok")));
            Problems.install(config);
            components.forEach(component -> component.accept(config));
        });
        try {
            javalin.start();
        } catch (RuntimeException e) {
            javalin.stop();
            throw new IllegalStateException("Could not serve HTTP on " + host + ":" + port + " ("
                    + rootMessage(e) + "). Is another process using the port? Choose another with --port.", e);
        }
        log.debug("HTTP server listening on {}:{}", host, javalin.port());
        return new RippleHttpServer(javalin, host);
    }

    /** The base URL, e.g. {@code http://127.0.0.1:8080}. */
    public String url() {
        return "http://" + host + ":" + javalin.port();
    }

    /** The bound port. */
    public int port() {
        return javalin.port();
    }

    @Override
    public void close() {
        javalin.stop();
    }

    private static String rootMessage(Throwable e) {
        Throwable root = e;
        while (root.getCause() != null) {
            root = root.getCause();
        }
        return root.getMessage();
    }
}
