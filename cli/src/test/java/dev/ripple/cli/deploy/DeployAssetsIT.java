package dev.ripple.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;

/** deploy/ as Prometheus and Grafana read it (promtool is a real binary, hence an IT). */
class DeployAssetsIT {
    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final Path RULES = DEPLOY.resolve("prometheus/ripple-alerts.yml");
    private static final Path RULE_TESTS = DEPLOY.resolve("prometheus/ripple-alerts.test.yml");

    @Test
    void shouldPassPromtoolCheckRulesForEveryAlert() throws Exception {
        Promtool.Result result = Promtool.run(null, "check", "rules", RULES.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        Set<String> alerts = alerts();
        assertThat(alerts).contains("RippleTargetDown", "RippleConfigInvalid").hasSizeGreaterThanOrEqualTo(13);
        assertThat(result.output()).contains("SUCCESS: " + alerts.size() + " rules found");
    }

    @Test
    void shouldPassPromtoolTestRules() throws Exception {
        Promtool.Result result = Promtool.run(null, "test", "rules", RULE_TESTS.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS");
    }

    @Test
    void shouldHaveAPromtoolTestCaseForEveryAlert() throws Exception {
        JsonNode tests = yaml(RULE_TESTS);
        Set<String> tested = new TreeSet<>();
        // and a case that expects the alert to fire, with its labels and annotations, not only cases where it is quiet
        Set<String> fired = new TreeSet<>();
        tests.path("tests").forEach(test -> test.path("alert_rule_test").forEach(c -> {
            tested.add(c.path("alertname").asText());
            if (!c.path("exp_alerts").isEmpty()) {
                fired.add(c.path("alertname").asText());
            }
        }));

        assertThat(tested).as("alerts with an alertname case in " + RULE_TESTS.getFileName())
                .containsAll(alerts());
        assertThat(fired).as("alerts a case of " + RULE_TESTS.getFileName() + " expects to fire")
                .containsAll(alerts());
        assertThat(tests.path("rule_files").get(0).asText()).isEqualTo(RULES.getFileName().toString());
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

    /** The alert names of the rules file, as Prometheus reads it. */
    private static Set<String> alerts() throws IOException {
        Set<String> alerts = new TreeSet<>();
        yaml(RULES).path("groups").forEach(group -> group.path("rules").forEach(rule -> {
            if (rule.has("alert")) {
                alerts.add(rule.path("alert").asText());
            }
        }));
        return alerts;
    }

    private static JsonNode yaml(Path file) throws IOException {
        return new YAMLMapper().readTree(file.toFile());
    }
}
