package dev.ripple.runtime.server;

import io.javalin.Javalin;
import io.javalin.config.JavalinConfig;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;
import org.eclipse.jetty.server.HttpConnectionFactory;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.util.thread.QueuedThreadPool;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * An HTTP server carrying the routes of the components in this process, plus {@code GET /healthz}. Unknown paths,
 * wrong methods (405 with {@code Allow}), unhandled errors and Jetty's own refusals (bad request line, headers too
 * large, …) answer with RFC 9457 problem documents ({@code application/problem+json}). Slow, idle and numerous
 * clients are bounded by {@link HttpServerOptions}: request bodies are read without a thread, at a minimum rate.
 *
 * <p>Thread-safe. {@link #close()} stops accepting requests and waits for those in flight.
 */
public final class RippleHttpServer implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RippleHttpServer.class);

    private final Javalin javalin;
    private final String host;
    private final HttpMeters meters;

    private RippleHttpServer(Javalin javalin, String host, HttpMeters meters) {
        this.javalin = javalin;
        this.host = host;
        this.meters = meters;
    }

    /** As {@link #start(String, int, HttpServerOptions, List)} with {@link HttpServerOptions#defaults()}. */
    public static RippleHttpServer start(String host, int port, List<Consumer<JavalinConfig>> components) {
        return start(host, port, HttpServerOptions.defaults(), components);
    }

    /**
     * Binds to {@code host:port} (port 0 picks a free one) and starts serving.
     *
     * @param options the server's bounds: idle timeout, minimum body rate, connections, threads
     * @param components each adds its routes to the configuration
     * @throws IllegalStateException if the port cannot be bound, with the port named
     */
    public static RippleHttpServer start(String host, int port, HttpServerOptions options,
            List<Consumer<JavalinConfig>> components) {
        Objects.requireNonNull(host, "host");
        Objects.requireNonNull(options, "options");
        QueuedThreadPool threads = new QueuedThreadPool(options.maxThreads(), 8);
        threads.setName("ripple-http");
        HttpMeters meters = new HttpMeters(threads);
        Javalin javalin = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.threadPool = threads;
            config.jetty.modifyHttpConfiguration(http -> http.setMinRequestDataRate(options.minRequestDataRate()));
            config.jetty.addConnector((server, http) -> {
                ServerConnector connector = new ServerConnector(server, new HttpConnectionFactory(http));
                connector.setHost(host);
                connector.setPort(port);
                connector.setIdleTimeout(options.idleTimeout().toMillis());
                server.addBean(meters.limit(options.maxConnections(), connector));
                return connector;
            });
            config.jetty.modifyServer(server -> {
                server.setErrorHandler(new ProblemErrorHandler());
                server.insertHandler(new BodyBuffer(options, meters));
            });
            config.http.prefer405over404 = true;
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
        return new RippleHttpServer(javalin, host, meters);
    }

    /** The server's meters (connections, the cap's hits, slow bodies cut, threads); bind them once. */
    public MeterBinder metrics() {
        return meters;
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
