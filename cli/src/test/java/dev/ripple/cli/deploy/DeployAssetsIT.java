package dev.ripple.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** deploy/ as Prometheus and Grafana read it (promtool is a real binary, hence an IT). */
class DeployAssetsIT {
    private static final Path DEPLOY = Path.of("..", "deploy");

    @Test
    void shouldPassPromtoolCheckRulesForEveryAlert() throws Exception {
        Promtool.Result result = Promtool.run(null, "check", "rules",
                DEPLOY.resolve("prometheus/ripple-alerts.yml").toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        long alerts = Files.readAllLines(DEPLOY.resolve("prometheus/ripple-alerts.yml")).stream()
                .filter(line -> line.trim().startsWith("- alert:")).count();
        assertThat(alerts).isGreaterThanOrEqualTo(11);
        assertThat(result.output()).contains("SUCCESS: " + alerts + " rules found");
    }

    @Test
    void shouldFireComponentDownForAStoppedPartAndNotForRunningOnesInPromtoolTestRules() throws Exception {
        Promtool.Result result = Promtool.run(null, "test", "rules",
                DEPLOY.resolve("prometheus/ripple-alerts.test.yml").toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void shouldPassPromtoolCheckConfigForTheExampleScrapeConfig() throws Exception {
        Promtool.Result result = Promtool.run(null, "check", "config",
                DEPLOY.resolve("prometheus/prometheus.example.yml").toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    @Test
    void shouldGiveEveryGrafanaPanelAPrometheusQueryOverRippleMetrics() throws Exception {
        JsonNode dashboard = new ObjectMapper().readTree(DEPLOY.resolve("grafana/ripple-dashboard.json").toFile());

        List<String> expressions = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(t -> expressions.add(
                t.path("expr").asText())));
        assertThat(dashboard.path("panels")).hasSizeGreaterThanOrEqualTo(10);
        assertThat(expressions).allSatisfy(e -> assertThat(e).containsAnyOf("ripple_", "resilience4j_"));
        assertThat(String.join("\n", expressions)).contains("ripple_consumer_group_time_lag_seconds",
                "ripple_dlq_depth_records", "ripple_conit_in_bound");
    }
}
