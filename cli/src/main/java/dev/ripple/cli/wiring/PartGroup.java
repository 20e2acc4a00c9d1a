package dev.ripple.cli.wiring;

import dev.ripple.runtime.lifecycle.LifecycleException;
import dev.ripple.runtime.lifecycle.StartOrder;
import dev.ripple.runtime.server.HttpServerOptions;
import dev.ripple.runtime.server.Metrics;
import dev.ripple.runtime.server.PartServer;
import dev.ripple.runtime.server.Readiness;
import dev.ripple.runtime.server.RippleHttpServer;
import io.javalin.config.JavalinConfig;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * What one process started, in start order: its {@link Part}s and the resources under them (broker, config
 * store, HTTP server). {@link #close()} closes everything in the reverse order, each even if another fails.
 * Thread-safe: a shutdown hook may close it while another thread still adds.
 */
public final class PartGroup implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(PartGroup.class);

    private final StartOrder running = new StartOrder("the process");
    private final List<Part> parts = new ArrayList<>();
    private boolean closed;

    /**
     * Tracks a resource so that it is closed, in reverse order, with the group.
     *
     * @throws IllegalStateException if the group was closed already (the resource is closed first)
     */
    public synchronized <T extends AutoCloseable> T track(T resource) {
        if (closed) {
            closeQuietly(resource);
            throw new IllegalStateException("Stopping: " + resource + " was not started");
        }
        return running.open(resource);
    }

    /** Tracks a part, and serves its readiness and routes with the group's. */
    public synchronized <T extends Part> T add(T part) {
        track(part);
        parts.add(part);
        return part;
    }

    /** The parts added so far, in start order. */
    public synchronized List<Part> parts() {
        return List.copyOf(parts);
    }

    /** Every part's readiness, in start order. */
    public List<Readiness.Part> readiness() {
        return parts().stream().flatMap(p -> p.readiness().stream()).toList();
    }

    /** Every part's routes, in start order. */
    public List<Consumer<JavalinConfig>> routes() {
        return parts().stream().flatMap(p -> p.routes().stream()).toList();
    }

    /** The first part's reason to stop the process, if any. */
    public Optional<String> fatal() {
        return parts().stream().map(Part::fatal).flatMap(Optional::stream).findFirst();
    }

    /**
     * Serves every part's routes, {@code /readyz} over every part and {@code /metrics} over {@code metrics} on one
     * server, tracked with the group (so closed before the parts).
     *
     * @param routes routes of the process's own, before the parts'
     * @throws IllegalStateException if the port cannot be bound, naming it
     */
    public RippleHttpServer serve(String host, int port, HttpServerOptions options, Metrics metrics,
            List<Consumer<JavalinConfig>> routes) {
        List<Consumer<JavalinConfig>> all = new ArrayList<>(routes);
        all.addAll(routes());
        return track(PartServer.start(host, port, options, metrics, readiness(), all));
    }

    /** Closes everything in reverse start order. Idempotent. */
    @Override
    public synchronized void close() {
        closed = true;
        try {
            running.close();
        } catch (LifecycleException e) {
            for (Throwable failure : e.getSuppressed()) {
                log.warn("Could not stop a part cleanly: {}", failure.toString());
            }
        }
    }

    static void closeQuietly(AutoCloseable resource) {
        try {
            resource.close();
        } catch (Exception e) {
            log.warn("Could not stop {} cleanly: {}", resource, e.toString());
        }
    }
}
