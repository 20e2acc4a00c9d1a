package dev.ripple.runtime.server;

import dev.ripple.events.ProblemDetail;
import dev.ripple.runtime.lifecycle.State;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Whether every long-running part of this process still runs. {@code GET /readyz} answers {@code 200} listing the
 * parts, or {@code 503} ({@code application/problem+json}, type {@code not-ready}) naming each part that stopped
 * or failed and why. The gauge {@code ripple.component.up} (Prometheus {@code ripple_component_up}; 1 running, 0
 * not; tags {@code component} and {@code region}) drives the {@code RippleComponentDown} alert and the dashboard.
 *
 * <p>A part that leaves its running state for any reason — a bug in its loop, a fatal Kafka error, a close while
 * the process serves — is reported down until the process restarts it; nothing here restarts anything. Immutable
 * and thread-safe; each check is asked afresh on every request and scrape.
 */
public final class Readiness implements MeterBinder {
    /** The {@code region} tag of parts that serve no one region. */
    public static final String NO_REGION = "none";

    /**
     * One part of the process.
     *
     * @param component what it is: {@code intake}, {@code propagator}, {@code replica}, {@code purger}, …
     * @param region the region it serves, or {@link #NO_REGION}
     * @param problem empty while the part runs, else why it does not (asked on every check; must not block long)
     */
    public record Part(String component, String region, Supplier<Optional<String>> problem) {
        public Part {
            Objects.requireNonNull(component, "component");
            Objects.requireNonNull(region, "region");
            Objects.requireNonNull(problem, "problem");
        }

        /**
         * A part with a lifecycle {@link State}: ready while {@link State#RUNNING}; otherwise the problem names the
         * state and, when there is one, the failure.
         */
        public static Part ofState(String component, String region, Supplier<State> state,
                Supplier<Optional<Throwable>> failure) {
            return new Part(component, region, () -> {
                State now = state.get();
                if (now == State.RUNNING) {
                    return Optional.empty();
                }
                return Optional.of(now.name() + failure.get().map(e -> ": " + describe(e)).orElse(""));
            });
        }

        String label() {
            return NO_REGION.equals(region) ? component : component + " " + region;
        }
    }

    private final List<Part> parts;

    private Readiness(List<Part> parts) {
        this.parts = List.copyOf(parts);
    }

    public static Readiness of(List<Part> parts) {
        return new Readiness(parts);
    }

    /** Each part and its problem, if any, in the order given. */
    public Map<Part, Optional<String>> check() {
        Map<Part, Optional<String>> result = new LinkedHashMap<>();
        for (Part part : parts) {
            result.put(part, safely(part));
        }
        return result;
    }

    /** {@code GET /readyz}. */
    public Consumer<JavalinConfig> routes() {
        return config -> config.routes.get("/readyz", this::answer);
    }

    private void answer(Context ctx) {
        List<Map<String, Object>> view = new ArrayList<>();
        List<String> down = new ArrayList<>();
        check().forEach((part, problem) -> {
            Map<String, Object> entry = new LinkedHashMap<>();
            entry.put("component", part.component());
            entry.put("region", part.region());
            entry.put("up", problem.isEmpty());
            problem.ifPresent(p -> {
                entry.put("problem", p);
                down.add(part.label() + " (" + p + ")");
            });
            view.add(entry);
        });
        if (down.isEmpty()) {
            ctx.json(Map.of("status", "ready", "components", view));
            return;
        }
        Problems.send(ctx, ProblemDetail.of(503, "not-ready", "Service Unavailable", "Not ready: "
                + String.join("; ", down) + ". A stopped part is not restarted in place: see its log, then restart "
                + "the process.").with("components", view));
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        for (Part part : parts) {
            Gauge.builder(ServerMetricNames.COMPONENT_UP, part, p -> safely(p).isEmpty() ? 1 : 0)
                    .description("1 while the component runs, 0 once it stopped or failed (see /readyz for why)")
                    .tag(ServerMetricNames.TAG_COMPONENT, part.component())
                    .tag(ServerMetricNames.TAG_REGION, part.region())
                    .register(registry);
        }
    }

    private static Optional<String> safely(Part part) {
        try {
            return part.problem().get();
        } catch (RuntimeException e) {
            return Optional.of("its check failed: " + describe(e));
        }
    }

    private static String describe(Throwable e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getClass().getSimpleName() + ": "
                + e.getMessage();
    }
}
