package dev.ripple.cli.deploy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ripple.runtime.server.MetricSample;
import java.io.IOException;
import java.math.BigDecimal;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Replays scrapes of a real {@code /metrics} through the real alert rules ({@link #RULES}) with {@code promtool test
 * rules}: scrape {@code i} becomes the sample at {@code i * interval} of each series, and the last scrape is repeated
 * for a hold, by default the asked alert's {@code for} and one interval, so that an alert whose condition holds at the
 * last scrape has had time to fire (and one whose window is short has not yet forgotten it). The questions are asked at
 * the end of that hold ({@link #end}). Immutable.
 *
 * <p>Each scrape maps a series, {@code name{label="value",…}} as {@code /metrics} writes it, to its value ({@link
 * #parse} reads one from the exposition text). Prometheus adds its target labels to every series it scrapes; the replay
 * adds {@link #TARGET_LABELS} the same way. A series missing from a scrape has no sample there.
 */
public final class AlertReplay {
    /** The rules, from a module's directory (where failsafe runs). */
    public static final Path RULES = Path.of("..", "deploy", "prometheus", "ripple-alerts.yml");
    /** The labels Prometheus would add to every series of the scrape. */
    public static final Map<String, String> TARGET_LABELS = Map.of("job", "ripple", "instance", "replay:9400");
    private static final Pattern DURATION = Pattern.compile("(\\d+)(ms|s|m|h|d)");

    private final List<Map<String, Double>> scrapes;
    private final Duration interval;
    /** The hold of every question, or null for each alert's own {@code for} and an interval. */
    private final Duration hold;
    private final Path dir;

    private AlertReplay(List<Map<String, Double>> scrapes, Duration interval, Duration hold, Path dir) {
        if (scrapes.isEmpty()) {
            throw new IllegalArgumentException("no scrape to replay");
        }
        if (interval.isNegative() || interval.isZero() || hold != null && hold.isNegative()) {
            throw new IllegalArgumentException("interval " + interval + " and hold " + hold);
        }
        this.scrapes = scrapes.stream().map(s -> Map.copyOf(normalized(s))).toList();
        this.interval = interval;
        this.hold = hold;
        this.dir = Objects.requireNonNull(dir, "dir");
    }

    /**
     * A replay of {@code scrapes} one minute apart, holding the last for the asked alert's {@code for} and a minute.
     *
     * @param dir where the promtool test files are written (a test's temporary directory)
     */
    public static AlertReplay of(List<Map<String, Double>> scrapes, Path dir) {
        return new AlertReplay(scrapes, Duration.ofMinutes(1), null, dir);
    }

    /** The same scrapes {@code interval} apart. */
    public AlertReplay every(Duration interval) {
        return new AlertReplay(scrapes, interval, hold, dir);
    }

    /** The same scrapes, the last one repeated for {@code hold} whichever alert is asked about. */
    public AlertReplay holdingLast(Duration hold) {
        return new AlertReplay(scrapes, interval, hold, dir);
    }

    /** When the questions about {@code alert} are asked: the last scrape's time and the hold, in whole intervals. */
    public Duration end(String alert) throws IOException {
        return interval.multipliedBy(scrapes.size() - 1L + holdSteps(alert));
    }

    /**
     * Whether {@code alert} is firing (not merely pending) at {@link #end} with {@code labels} among its labels.
     *
     * @throws IllegalStateException if promtool fails otherwise (a series it cannot read, a broken rules file)
     */
    public boolean fires(String alert, Map<String, String> labels) throws IOException, InterruptedException {
        if (answers(alert, labels, 1)) {
            return true;
        }
        if (answers(alert, labels, 0)) {
            return false;
        }
        throw new IllegalStateException("promtool could not replay the scrapes: " + firing(alert));
    }

    /** Fails unless {@code alert} fires with {@code labels} at the end, listing the alerts that do. */
    public void assertFires(String alert, Map<String, String> labels) throws IOException, InterruptedException {
        if (!fires(alert, labels)) {
            throw new AssertionError(alert + " " + labels + " does not fire at " + end(alert) + "; " + firing(alert));
        }
    }

    /** Fails if {@code alert} fires with {@code labels} at the end, listing the alerts that do. */
    public void assertQuiet(String alert, Map<String, String> labels) throws IOException, InterruptedException {
        if (fires(alert, labels)) {
            throw new AssertionError(alert + " " + labels + " fires at " + end(alert) + "; " + firing(alert));
        }
    }

    /** promtool's account of every {@code ALERTS} series of {@code alert} at the end, pending and firing. */
    public String firing(String alert) throws IOException, InterruptedException {
        ObjectNode test = test(holdSteps(alert));
        test.putArray("promql_expr_test").addObject().put("expr", "ALERTS{alertname=" + quoted(alert) + "}")
                .put("eval_time", promDuration(end(alert))).putArray("exp_samples");
        Promtool.Result result = run(test);
        return result.exitCode() == 0 ? "no " + alert + " alert at all" : result.output();
    }

    /** The promtool test group replaying the scrapes for {@code alert}, without questions: what {@link #fires} asks. */
    public String testFile(String alert) throws IOException {
        return yaml(test(holdSteps(alert)));
    }

    /**
     * The samples of a {@code /metrics} answer (Prometheus text format) whose names start with {@code prefix}:
     * series (as written there) to value.
     */
    public static Map<String, Double> parse(String exposition, String prefix) {
        return MetricSample.seriesOf(exposition, prefix);
    }

    private boolean answers(String alert, Map<String, String> labels, int expected)
            throws IOException, InterruptedException {
        StringBuilder selector = new StringBuilder("alertname=" + quoted(alert) + ", alertstate=\"firing\"");
        new TreeMap<>(labels).forEach((k, v) -> selector.append(", ").append(k).append('=').append(quoted(v)));
        ObjectNode test = test(holdSteps(alert));
        ObjectNode question = test.putArray("promql_expr_test").addObject()
                .put("expr", "clamp_max(count(ALERTS{" + selector + "}), 1) or vector(0)")
                .put("eval_time", promDuration(end(alert)));
        question.putArray("exp_samples").addObject().put("labels", "{}").put("value", expected);
        return run(test).exitCode() == 0;
    }

    private Promtool.Result run(ObjectNode test) throws IOException, InterruptedException {
        ObjectNode file = new ObjectMapper().createObjectNode();
        file.putArray("rule_files").add(RULES.toAbsolutePath().normalize().toString());
        file.put("evaluation_interval", promDuration(interval.compareTo(Duration.ofSeconds(15)) < 0 ? interval
                : Duration.ofSeconds(15)));
        file.putArray("tests").add(test);
        Path path = Files.createTempFile(dir, "alert-replay-", ".test.yml");
        Files.writeString(path, yaml(file));
        return Promtool.run(null, "test", "rules", path.toString());
    }

    private ObjectNode test(long holdSteps) {
        ObjectNode test = new ObjectMapper().createObjectNode().put("interval", promDuration(interval));
        ArrayNode series = test.putArray("input_series");
        TreeSet<String> names = new TreeSet<>();
        scrapes.forEach(s -> names.addAll(s.keySet()));
        for (String name : names) {
            List<String> values = new ArrayList<>();
            Double last = null;
            for (Map<String, Double> scrape : scrapes) {
                last = scrape.get(name);
                values.add(last == null ? "_" : number(last));
            }
            for (long i = 0; i < holdSteps; i++) {
                values.add(last == null ? "_" : number(last));
            }
            series.addObject().put("series", name).put("values", String.join(" ", values));
        }
        return test;
    }

    private long holdSteps(String alert) throws IOException {
        Duration held = hold != null ? hold : forOf(alert).plus(interval);
        return (held.toMillis() + interval.toMillis() - 1) / interval.toMillis();
    }

    /** The series with the target labels added (a label of its own wins, as with honor_labels), labels sorted. */
    private static Map<String, Double> normalized(Map<String, Double> scrape) {
        Map<String, Double> series = new LinkedHashMap<>();
        scrape.forEach((name, value) -> {
            MetricSample sample = MetricSample.parse(name + " 0");
            Map<String, String> labels = new TreeMap<>(TARGET_LABELS);
            labels.putAll(sample.labels());
            StringBuilder written = new StringBuilder(sample.name()).append('{');
            labels.forEach((k, v) -> written.append(written.charAt(written.length() - 1) == '{' ? "" : ", ")
                    .append(k).append("=\"").append(MetricSample.escape(v)).append('"'));
            series.put(written.append('}').toString(), Objects.requireNonNull(value, name));
        });
        return series;
    }

    /** The {@code for} of {@code alert} in the rules (zero when it has none). */
    static Duration forOf(String alert) throws IOException {
        for (JsonNode group : new YAMLMapper().readTree(RULES.toFile()).path("groups")) {
            for (JsonNode rule : group.path("rules")) {
                if (alert.equals(rule.path("alert").asText())) {
                    Duration d = Duration.ZERO;
                    Matcher part = DURATION.matcher(rule.path("for").asText(""));
                    while (part.find()) {
                        long n = Long.parseLong(part.group(1));
                        d = d.plus(switch (part.group(2)) {
                            case "ms" -> Duration.ofMillis(n);
                            case "s" -> Duration.ofSeconds(n);
                            case "m" -> Duration.ofMinutes(n);
                            case "h" -> Duration.ofHours(n);
                            default -> Duration.ofDays(n);
                        });
                    }
                    return d;
                }
            }
        }
        throw new IllegalArgumentException("no alert " + alert + " in " + RULES);
    }

    private static String number(double v) {
        if (Double.isNaN(v)) {
            return "NaN";
        }
        if (Double.isInfinite(v)) {
            return v > 0 ? "+Inf" : "-Inf";
        }
        return BigDecimal.valueOf(v).stripTrailingZeros().toPlainString();
    }

    private static String promDuration(Duration d) {
        return d.toMillis() % 1000 == 0 ? d.toSeconds() + "s" : d.toMillis() + "ms";
    }

    private static String quoted(String s) {
        return '"' + s.replace("\\", "\\\\").replace("\"", "\\\"") + '"';
    }

    private static String yaml(JsonNode node) throws IOException {
        return new YAMLMapper().writeValueAsString(node);
    }
}
