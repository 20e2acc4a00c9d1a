package dev.ripple.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.stream.StreamSupport;

/** {@code deploy/grafana/ripple-dashboard.json} as Grafana reads it, for the tests that hold it to /metrics. */
public final class GrafanaDashboard {
    /** The file, from a module's directory (where failsafe runs). */
    public static final Path FILE = Path.of("..", "deploy", "grafana", "ripple-dashboard.json");

    private GrafanaDashboard() {}

    public static JsonNode read() throws IOException {
        return new ObjectMapper().readTree(FILE.toFile());
    }

    /** The {@code $region} template variable. */
    public static JsonNode regionVariable(JsonNode dashboard) {
        return StreamSupport.stream(dashboard.path("templating").path("list").spliterator(), false)
                .filter(v -> v.path("name").asText().equals("region")).findFirst()
                .orElseThrow(() -> new AssertionError("no $region variable in " + FILE));
    }
}
