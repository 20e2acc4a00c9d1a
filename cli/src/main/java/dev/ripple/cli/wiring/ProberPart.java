package dev.ripple.cli.wiring;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.ripple.events.EventJson;
import dev.ripple.events.ProblemDetail;
import dev.ripple.prober.Prober;
import dev.ripple.prober.ProberConfig;
import dev.ripple.runtime.server.JsonAnswer;
import dev.ripple.runtime.server.Problems;
import dev.ripple.runtime.server.Readiness;
import io.javalin.config.JavalinConfig;
import java.net.URI;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.UnaryOperator;

/**
 * The prober as a part (DESIGN.md 15): its meters, {@code GET /api/probe}, and its readiness. Made before it
 * starts, so that a process can serve its route and readiness on a server whose address the prober needs (the read
 * API of {@code ripple up}): until {@link #start} it is not ready and its route answers 503.
 */
public final class ProberPart implements Part {
    /** Where the prober's report is served. */
    public static final String REPORT_PATH = "/api/probe";

    private volatile Prober prober;

    private ProberPart() {}

    /** A prober part not started yet. */
    public static ProberPart create() {
        return new ProberPart();
    }

    /** The prober's settings: the defaults on the context's servers, topics and Redis, then {@code settings}. */
    public static ProberConfig config(PartContext context, UnaryOperator<ProberConfig> settings) {
        ProberConfig defaults = ProberConfig.defaults(context.kafka()).withTopics(context.topics())
                .withDefaultRedis(context.redis() == null ? null : URI.create(context.redis()));
        return settings.apply(defaults);
    }

    /**
     * Starts the prober on the context's config and binds its meters.
     *
     * @return this part
     * @throws IllegalStateException if the context has no config store, or it was started before
     */
    public synchronized ProberPart start(PartContext context, UnaryOperator<ProberConfig> settings) {
        if (prober != null) {
            throw new IllegalStateException("The prober was started before");
        }
        Prober started = Prober.start(config(context, settings), context.requireConfig("prober"), context.clock());
        context.metrics().bind(started.metrics());
        prober = started;
        return this;
    }

    /** The prober, once started. */
    public Optional<Prober> prober() {
        return Optional.ofNullable(prober);
    }

    @Override
    public List<Readiness.Part> readiness() {
        return List.of(new Readiness.Part("prober", Readiness.NO_REGION, () -> {
            Prober running = prober;
            if (running == null) {
                return Optional.of("starting");
            }
            return running.running() ? Optional.empty() : Optional.of("not following the streams"
                    + running.failure().map(e -> ": " + e.getMessage()).orElse(""));
        }));
    }

    @Override
    public List<Consumer<JavalinConfig>> routes() {
        return List.of(config -> config.routes.get(REPORT_PATH, ctx -> {
            Prober running = prober;
            if (running == null) {
                Problems.send(ctx, ProblemDetail.of(503, "starting", "Prober starting",
                        "The prober has not started yet; retry in a few seconds."));
                return;
            }
            try {
                JsonAnswer.send(ctx, 200, EventJson.mapper().writeValueAsBytes(running.report()));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException(e);
            }
        }));
    }

    @Override
    public String summary() {
        return "prober";
    }

    @Override
    public void close() {
        Prober running = prober;
        if (running != null) {
            running.close();
        }
    }

    @Override
    public String toString() {
        return summary();
    }
}
