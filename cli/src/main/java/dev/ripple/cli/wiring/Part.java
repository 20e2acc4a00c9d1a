package dev.ripple.cli.wiring;

import dev.ripple.runtime.server.Readiness;
import io.javalin.config.JavalinConfig;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * One running part of a Ripple process, started by its factory from a {@link PartContext} (which binds its
 * meters to the process's registry before it starts). The process serves every part's {@link #readiness()} on
 * {@code /readyz} and {@code ripple_component_up}, and its {@link #routes()} on the process's HTTP server.
 *
 * <p>Implementations are thread-safe; {@link #close()} is idempotent and may be called from a shutdown hook.
 */
public interface Part extends AutoCloseable {
    /** What the process reports on {@code /readyz}, in order. */
    List<Readiness.Part> readiness();

    /** HTTP routes of the part's own; none by default. */
    default List<Consumer<JavalinConfig>> routes() {
        return List.of();
    }

    /** Why the process must stop for this part (it failed and cannot recover in place); empty while it is fine. */
    default Optional<String> fatal() {
        return Optional.empty();
    }

    /** One line saying what runs, for a command's startup message. */
    String summary();

    /** Stops the part and what it opened. Idempotent. */
    @Override
    void close();

    /** A part of {@code resource} with these readiness parts and no routes (a config view, a conit follower). */
    static Part of(String summary, List<Readiness.Part> readiness, AutoCloseable resource) {
        List<Readiness.Part> parts = List.copyOf(readiness);
        return new Part() {
            @Override
            public List<Readiness.Part> readiness() {
                return parts;
            }

            @Override
            public String summary() {
                return summary;
            }

            @Override
            public void close() {
                PartGroup.closeQuietly(resource);
            }

            @Override
            public String toString() {
                return summary;
            }
        };
    }
}
