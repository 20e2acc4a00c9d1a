package dev.ripple.bench.deps;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** A part's Prometheus {@code /metrics}, read for one metric summed over the series whose labels match. */
public final class PartMetrics {
    private static final Pattern LINE = Pattern.compile("(?m)^([a-zA-Z_:][a-zA-Z0-9_:]*)(\\{([^}]*)})? (\\S+)$");
    private final HttpClient http = HttpClient.newHttpClient();
    private final Supplier<String> address;

    /** @param address the part's base URL (asked at each read: a restarted part keeps it, but a caller may move it) */
    public PartMetrics(Supplier<String> address) {
        this.address = address;
    }

    /**
     * The sum of {@code name} over its series whose labels include every pair of {@code labels}; 0 when there is
     * none, NaN when the part does not answer.
     */
    public double sum(String name, Map<String, String> labels) {
        String text;
        try {
            text = http.send(HttpRequest.newBuilder(URI.create(address.get() + "/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
        double sum = 0;
        Matcher m = LINE.matcher(text);
        while (m.find()) {
            if (m.group(1).equals(name) && hasAll(m.group(3), labels)) {
                sum += Double.parseDouble(m.group(4));
            }
        }
        return sum;
    }

    private static boolean hasAll(String series, Map<String, String> labels) {
        for (Map.Entry<String, String> label : labels.entrySet()) {
            if (series == null || !series.contains(label.getKey() + "=\"" + label.getValue() + "\"")) {
                return false;
            }
        }
        return true;
    }
}
