package dev.ripple.monitor.dashboard;

import io.javalin.config.JavalinConfig;
import io.javalin.http.staticfiles.Location;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The dashboard page at {@code /}: plain HTML, JavaScript and CSS from the classpath, uPlot from its WebJar
 * ({@code /webjars/uplot/…}), and {@code GET /api/dashboard}, which the page polls every two seconds.
 */
public final class Dashboard {
    /** Classpath directory of the page. */
    static final String DIRECTORY = "/dev/ripple/monitor/dashboard/static";

    private Dashboard() {}

    /** The page, its script and styles, the WebJars, and {@code /api/dashboard}. */
    public static Consumer<JavalinConfig> routes(DashboardData data) {
        return config -> {
            config.staticFiles.add(files -> {
                files.hostedPath = "/";
                files.directory = DIRECTORY;
                files.location = Location.CLASSPATH;
                files.headers = Map.of("Cache-Control", "no-cache");
            });
            config.staticFiles.enableWebjars();
            config.routes.get("/api/dashboard", ctx -> ctx.json(data.dashboard()));
        };
    }
}
