package dev.ripple.producer;

import dev.ripple.config.ConfigView;
import dev.ripple.producer.internal.IntakeServer;
import dev.ripple.runtime.lifecycle.State;
import io.javalin.config.JavalinConfig;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Consumer;

/**
 * The intake HTTP API (DESIGN.md sections 3, 13): {@code POST /v1/events} and {@code GET /v1/streams}; the
 * process's {@code /readyz} asks {@link #unavailable()}. It owns a {@link Publisher}, a dead-letter producer for refused events and an Admin
 * client that creates each configured stream's topic. Mount {@link #routes()} on an HTTP server.
 *
 * <pre>
 * start() ──▶ RUNNING ──close()──▶ STOPPING ──▶ STOPPED
 * </pre>
 *
 * <p>Thread-safe.
 */
public interface Intake extends AutoCloseable {
    /**
     * Creates the Kafka clients, creates the configured streams' topics and starts following config changes.
     *
     * @param throttle the conit write throttle ({@link WriteThrottle#NONE} when conits are not enforced)
     */
    static Intake start(IntakeConfig config, PublisherConfig publisher, ConfigView view, WriteThrottle throttle,
            Clock clock) {
        return IntakeServer.start(config, publisher, view, throttle, clock);
    }

    /** The intake's routes, to add to a server's configuration. */
    Consumer<JavalinConfig> routes();

    /** The intake's meters. */
    MeterBinder metrics();

    /** The lifecycle {@link State} now; see the class diagram. */
    State state();

    /**
     * Empty while the intake can publish; else why not (closed, or Kafka not reachable within 2 s). Blocks up to
     * 2 s.
     */
    Optional<String> unavailable();

    /** Flushes what is being published, then closes the Kafka clients. Idempotent. */
    @Override
    void close();

}
