package dev.ripple.monitor.dashboard;

import dev.ripple.events.ProblemDetail;
import dev.ripple.runtime.server.Problems;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.staticfiles.Location;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * The dashboard page at {@code /}: plain HTML, JavaScript and CSS from the classpath, uPlot from its WebJar
 * ({@code /webjars/uplot/…}), and {@code GET /api/dashboard} (which the page polls every two seconds) and
 * {@code GET /api/regions}, both with {@code ?window=} (e.g. {@code 1m}, {@code 5m}, {@code 15m}, {@code 1h}):
 * the window of their rates and latency percentiles.
 */
public final class Dashboard {
    /** Classpath directory of the page. */
    static final String DIRECTORY = "/dev/ripple/monitor/dashboard/static";

    private Dashboard() {}

    /** The page, its script and styles, the WebJars, {@code /api/dashboard} and {@code /api/regions}. */
    public static Consumer<JavalinConfig> routes(DashboardData data) {
        return config -> {
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = DIRECTORY;
                files.location = Location.CLASSPATH;
                files.headers = Map.of("Cache-Control", "no-cache");
            });
            config.staticFiles.enableWebjars();
            config.routes.get("/api/dashboard", ctx -> windowed(ctx, data, data::dashboard));
            config.routes.get("/api/regions", ctx -> windowed(ctx, data, data::regions));
        };
    }

    /** Answers {@code view} of the request's window, or 400 naming the windows there are. */
    private static void windowed(Context ctx, DashboardData data, Function<Duration, Object> view) {
        Duration window;
        try {
            window = data.windows().window(ctx.queryParam("window"));
        } catch (IllegalArgumentException e) {
            Problems.send(ctx, ProblemDetail.of(400, "invalid-window", "Invalid window", e.getMessage() + "."));
            return;
        }
        ctx.json(view.apply(window));
    }
}
