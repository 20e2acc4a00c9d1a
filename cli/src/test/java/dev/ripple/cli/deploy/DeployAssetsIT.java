package dev.ripple.cli.deploy;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** deploy/ as Prometheus and Grafana read it (promtool is a real binary, hence an IT). */
class DeployAssetsIT {
    private static final Path DEPLOY = Path.of("..", "deploy");
    private static final Path RULES = DEPLOY.resolve("prometheus/ripple-alerts.yml");
    private static final Path RULE_TESTS = DEPLOY.resolve("prometheus/ripple-alerts.test.yml");
    /** What a per-region query filters by: the regions chosen in the dashboard's {@code $region} variable. */
    private static final String REGION_FILTER = "region=~\"$region\"";

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
        JsonNode dashboard = grafana();

        List<String> expressions = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(t -> expressions.add(
                t.path("expr").asText())));
        assertThat(dashboard.path("panels")).hasSizeGreaterThanOrEqualTo(10);
        assertThat(expressions).allSatisfy(e -> assertThat(e).containsAnyOf("ripple_", "resilience4j_"));
        assertThat(String.join("\n", expressions)).contains("ripple_consumer_group_time_lag_seconds",
                "ripple_dlq_depth_records", "ripple_conit_in_bound");
    }

    @Test
    void shouldOfferARegionVariableThatEveryPerRegionQueryFiltersBy() throws Exception {
        JsonNode dashboard = grafana();

        // a multi-value region variable with "All", listing the regions that have a replica group
        JsonNode region = GrafanaDashboard.regionVariable(dashboard);
        assertThat(region.path("type").asText()).isEqualTo("query");
        assertThat(region.path("definition").asText()).isEqualTo(region.path("query").path("query").asText())
                .matches("label_values\\(ripple_[a-z_]+\\{[^}]*}, region\\)");
        assertThat(region.path("multi").asBoolean()).isTrue();
        assertThat(region.path("includeAll").asBoolean()).isTrue();
        assertThat(region.path("allValue").asText()).isEqualTo(".*");

        // and every query drawing a line per region draws only the chosen regions
        List<String> perRegion = new ArrayList<>();
        dashboard.path("panels").forEach(panel -> panel.path("targets").forEach(t -> {
            if (t.path("legendFormat").asText().contains("{{region}}")) {
                perRegion.add(panel.path("title").asText() + ": " + t.path("expr").asText());
            }
        }));
        assertThat(perRegion).hasSizeGreaterThanOrEqualTo(9)
                .allSatisfy(e -> assertThat(e).contains(REGION_FILTER));
    }

    @Test
    void shouldWriteEveryGrafanaQueryInPromqlThatPrometheusParses(@TempDir Path dir) throws Exception {
        // every panel's query as a recording rule, the region variable at "All", for promtool to parse
        ObjectNode rules = new ObjectMapper().createObjectNode();
        ArrayNode recorded = rules.putArray("groups").addObject().put("name", "grafana").putArray("rules");
        int[] n = {0};
        grafana().path("panels").forEach(panel -> panel.path("targets").forEach(t -> recorded.addObject()
                .put("record", "grafana:query_" + n[0]++).put("expr", t.path("expr").asText()
                        .replace("$region", ".*"))));
        Path file = Files.writeString(dir.resolve("grafana-queries.yml"), new YAMLMapper().writeValueAsString(rules));

        Promtool.Result result = Promtool.run(null, "check", "rules", file.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
        assertThat(result.output()).contains("SUCCESS: " + n[0] + " rules found");
    }

    @Test
    void shouldDrawFreshnessAsNinesWithAFiniteCeilingAndNoPointWhereNothingWasJudged(@TempDir Path dir)
            throws Exception {
        // given the Freshness nines panels' queries, the region variable at "All"
        List<String> expressions = new ArrayList<>();
        grafana().path("panels").forEach(panel -> {
            if (panel.path("title").asText().startsWith("Freshness nines")) {
                panel.path("targets").forEach(t -> expressions.add(t.path("expr").asText().replace("$region", ".*")));
            }
        });
        assertThat(expressions).hasSize(2).anySatisfy(e -> assertThat(e).contains("within=\"1\""))
                .anySatisfy(e -> assertThat(e).contains("within=\"60\""));

        // when 100 writes a minute are judged at 1 s and 60 s for targets that serve all of them, 99%, 90%, and for
        // one nothing is judged
        ObjectNode file = new ObjectMapper().createObjectNode();
        file.putArray("rule_files").add(Files.writeString(dir.resolve("none.yml"), "groups: []\n").toString());
        ObjectNode test = file.putArray("tests").addObject().put("interval", "1m");
        ArrayNode series = test.putArray("input_series");
        Map<String, Integer> served = Map.of("eqiad", 100, "codfw", 99, "esams", 90, "ulsfo", 0);
        served.forEach((region, perMinute) -> List.of("1", "60").forEach(within -> {
            String labels = "{region=\"" + region + "\", target=\"purge/cache\", within=\"" + within + "\"}";
            series.addObject().put("series", "ripple_probe_judged_total" + labels)
                    .put("values", perMinute == 0 ? "0x30" : "0+100x30");
            series.addObject().put("series", "ripple_probe_consistent_within_total" + labels)
                    .put("values", "0+" + perMinute + "x30");
        }));
        ArrayNode checks = test.putArray("promql_expr_test");
        for (String e : expressions) {
            // rounded (floating point), and only the numbers: NaN, where nothing was judged, is no point on a chart
            ArrayNode expected = checks.addObject().put("expr", "round(" + e + ", 0.001) >= 0").put("eval_time", "20m")
                    .putArray("exp_samples");
            Map.of("eqiad", 6, "codfw", 2, "esams", 1).forEach((region, nines) -> expected.addObject()
                    .put("labels", "{region=\"" + region + "\", target=\"purge/cache\"}").put("value", nines));
        }
        Path tests = Files.writeString(dir.resolve("nines.test.yml"), new YAMLMapper().writeValueAsString(file));

        // then a target that missed none shows the ceiling of 6 nines, 99% shows 2, 90% shows 1, none shows nothing
        Promtool.Result result = Promtool.run(null, "test", "rules", tests.toString());

        assertThat(result.exitCode()).as(result.output()).isZero();
    }

    private static JsonNode grafana() throws IOException {
        return GrafanaDashboard.read();
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
