package dev.ripple.cachepurger;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.IntSupplier;

/**
 * A stand-in for a CDN node: a JDK HTTP server that records every request it receives (method, path, forwarded
 * host, purge id, the client's port, when it arrived) and answers what {@code status} says.
 */
public final class CdnNode implements AutoCloseable {
    /** One request as the node saw it; {@code arrived} is {@link System#nanoTime()}. */
    public record Hit(String node, String method, String path, String host, String purgeId, int clientPort,
            long arrived) {}

    public final String name;
    public final List<Hit> hits = new CopyOnWriteArrayList<>();
    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(8);
    private volatile IntSupplier status = () -> 200;

    public CdnNode(String name) {
        this.name = name;
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.createContext("/", exchange -> {
            try (exchange) {
                hits.add(new Hit(name, exchange.getRequestMethod(), exchange.getRequestURI().toString(),
                        exchange.getRequestHeaders().getFirst("X-Forwarded-Host"),
                        exchange.getRequestHeaders().getFirst("Ripple-Purge-Id"),
                        exchange.getRemoteAddress().getPort(), System.nanoTime()));
                exchange.sendResponseHeaders(status.getAsInt(), -1);
            }
        });
        server.setExecutor(executor);
        server.start();
    }

    /** What the node answers from now on. */
    public void answer(IntSupplier next) {
        status = next;
    }

    public URI uri() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
