package dev.ripple.bench.deps;

import dev.ripple.runtime.server.MetricSample;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.function.Supplier;

/** A part's Prometheus {@code /metrics}, read for one metric summed over the series whose labels match. */
public final class PartMetrics {
    private final HttpClient http = HttpClient.newHttpClient();
    private final Supplier<String> address;

    /** @param address the part's base URL (asked at each read: a restarted part keeps it, but a caller may move it) */
    public PartMetrics(Supplier<String> address) {
        this.address = address;
    }

    /**
     * The sum of {@code name} over its series whose labels include every pair of {@code labels}; 0 when there is
     * none, NaN when the part does not answer 200.
     */
    public double sum(String name, Map<String, String> labels) {
        HttpResponse<String> answer;
        try {
            answer = http.send(HttpRequest.newBuilder(URI.create(address.get() + "/metrics"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.ofString());
        } catch (IOException e) {
            return Double.NaN;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return Double.NaN;
        }
        return answer.statusCode() == 200 ? MetricSample.sum(MetricSample.parseAll(answer.body()), name, labels)
                : Double.NaN;
    }
}
