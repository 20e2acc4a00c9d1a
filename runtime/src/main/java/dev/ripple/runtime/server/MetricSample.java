package dev.ripple.runtime.server;

import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * One sample of the Prometheus text exposition format (version 0.0.4, what {@code GET /metrics} serves), read back by
 * whoever scrapes a part: {@code name{label="value",…} value [timestamp]}. Label values are unescaped ({@code \\},
 * {@code \"}, {@code \n}); values may be {@code NaN}, {@code +Inf} and {@code -Inf}; a timestamp is read past.
 * Immutable.
 *
 * @param name the metric name, e.g. {@code ripple_probe_checks_total}
 * @param labels its labels in the order written, values unescaped
 * @param value the sample's value
 */
public record MetricSample(String name, Map<String, String> labels, double value) {
    public MetricSample {
        Objects.requireNonNull(name, "name");
        labels = Collections.unmodifiableMap(new LinkedHashMap<>(labels));
    }

    /**
     * Every sample of {@code exposition}, in order; comments ({@code # HELP}, {@code # TYPE}, any {@code #} line) and
     * blank lines are passed over.
     *
     * @throws IllegalArgumentException naming the line (1-based) that is no sample
     */
    public static List<MetricSample> parseAll(String exposition) {
        List<MetricSample> samples = new ArrayList<>();
        String[] lines = exposition.split("\n", -1);
        for (int i = 0; i < lines.length; i++) {
            String line = lines[i].strip();
            if (line.isEmpty() || line.startsWith("#")) {
                continue;
            }
            try {
                samples.add(parse(line));
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("line " + (i + 1) + " of the exposition: " + e.getMessage(), e);
            }
        }
        return samples;
    }

    /**
     * The sample of one line, e.g. {@code ripple_http_requests_total{method="GET",path="/x"} 3.0}.
     *
     * @throws IllegalArgumentException if it is not one, saying where it goes wrong
     */
    public static MetricSample parse(String line) {
        return new Reader(line.strip()).sample();
    }

    /** The series as the exposition writes it, {@code name{a="x",b="y"}} (just {@code name} without labels). */
    public String series() {
        if (labels.isEmpty()) {
            return name;
        }
        StringBuilder out = new StringBuilder(name).append('{');
        labels.forEach((k, v) -> out.append(out.length() == name.length() + 1 ? "" : ",").append(k).append("=\"")
                .append(escape(v)).append('"'));
        return out.append('}').toString();
    }

    /** {@code value} escaped for a label value: backslash, double quote and line feed. */
    public static String escape(String value) {
        return value.replace("\\", "\\\\").replace("\"", "\\\"").replace("\n", "\\n");
    }

    /**
     * The samples of {@code exposition} whose names start with {@code prefix}, as {@link #series()} to value, in
     * order: one scrape as Prometheus stores it.
     *
     * @throws IllegalArgumentException as {@link #parseAll} does
     */
    public static Map<String, Double> seriesOf(String exposition, String prefix) {
        Map<String, Double> series = new LinkedHashMap<>();
        parseAll(exposition).stream().filter(s -> s.name.startsWith(prefix)).forEach(s -> series.put(s.series(),
                s.value));
        return series;
    }

    /** The sum of the values of the samples named {@code name} whose labels include every pair of {@code labels}. */
    public static double sum(List<MetricSample> samples, String name, Map<String, String> labels) {
        return samples.stream().filter(s -> s.name.equals(name) && s.labels.entrySet().containsAll(labels.entrySet()))
                .mapToDouble(MetricSample::value).sum();
    }

    /** A cursor over one line. */
    private static final class Reader {
        private final String line;
        private int at;

        Reader(String line) {
            this.line = line;
        }

        MetricSample sample() {
            String name = name(true);
            Map<String, String> labels = new LinkedHashMap<>();
            if (peek() == '{') {
                at++;
                while (blanks() != '}') {
                    String label = name(false);
                    blanks();
                    expect('=');
                    blanks();
                    String value = quoted();
                    if (labels.put(label, value) != null) {
                        throw problem("label " + label + " twice");
                    }
                    if (blanks() == ',') {
                        at++;
                    } else if (peek() != '}') {
                        throw problem("',' or '}' expected");
                    }
                }
                at++;
            }
            String[] rest = line.substring(at).strip().split("[ \t]+");
            if (at == line.length() || !Character.isWhitespace(line.charAt(at)) || rest.length > 2) {
                throw problem("a value (and at most a timestamp) after a space expected");
            }
            if (rest.length == 2 && !rest[1].matches("-?[0-9]+")) {
                throw problem("timestamp '" + rest[1] + "' is not milliseconds");
            }
            return new MetricSample(name, labels, number(rest[0]));
        }

        private String name(boolean metric) {
            int start = at;
            while (at < line.length() && (Character.isLetter(line.charAt(at)) && line.charAt(at) < 128
                    || line.charAt(at) == '_' || metric && line.charAt(at) == ':'
                    || at > start && line.charAt(at) >= '0' && line.charAt(at) <= '9')) {
                at++;
            }
            if (at == start) {
                throw problem(metric ? "a metric name expected" : "a label name expected");
            }
            return line.substring(start, at);
        }

        private String quoted() {
            expect('"');
            StringBuilder value = new StringBuilder();
            while (peek() != '"') {
                char c = next();
                if (c == '\\') {
                    char escaped = next();
                    if (escaped == 'n') {
                        value.append('\n');
                    } else if (escaped == '\\' || escaped == '"') {
                        value.append(escaped);
                    } else {
                        throw problem("unknown escape \\" + escaped);
                    }
                } else {
                    value.append(c);
                }
            }
            at++;
            return value.toString();
        }

        private double number(String text) {
            return switch (text) {
                case "+Inf" -> Double.POSITIVE_INFINITY;
                case "-Inf" -> Double.NEGATIVE_INFINITY;
                case "NaN" -> Double.NaN;
                default -> {
                    if (!text.matches("[-+]?([0-9]+\\.?[0-9]*|\\.[0-9]+)([eE][-+]?[0-9]+)?")) {
                        throw problem("value '" + text + "' is not a number");
                    }
                    yield Double.parseDouble(text);
                }
            };
        }

        private void expect(char c) {
            if (next() != c) {
                at--;
                throw problem("'" + c + "' expected");
            }
        }

        /** Passes over spaces and tabs (the format allows them between the tokens of a label set); the next char. */
        private char blanks() {
            while (peek() == ' ' || peek() == '\t') {
                at++;
            }
            return peek();
        }

        private char peek() {
            if (at >= line.length()) {
                throw problem("the line ends early");
            }
            return line.charAt(at);
        }

        private char next() {
            char c = peek();
            at++;
            return c;
        }

        private IllegalArgumentException problem(String what) {
            String shown = line.length() > 120 ? line.substring(0, 120) + "…" : line;
            return new IllegalArgumentException(what + " at column " + (at + 1) + " of '" + shown + "'");
        }
    }
}
