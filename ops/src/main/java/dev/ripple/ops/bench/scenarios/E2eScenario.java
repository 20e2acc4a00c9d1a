package dev.ripple.ops.bench.scenarios;

import dev.ripple.consistency.Dot;
import dev.ripple.events.EventJson;
import dev.ripple.ops.bench.BenchContext;
import dev.ripple.ops.bench.Correctness;
import dev.ripple.ops.bench.CpuMeter;
import dev.ripple.ops.bench.Measurement;
import dev.ripple.ops.bench.Progress;
import dev.ripple.ops.bench.Scenario;
import dev.ripple.ops.up.RippleUp;
import dev.ripple.ops.up.UpEndpoints;
import dev.ripple.ops.up.UpFile;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * {@code e2e}: the whole pipeline of {@code ripple up} (its own broker and Redis, in this JVM but Redis) at a
 * fixed rate ({@code --rate}, 200 events/s by default): per event, the time from the start of its intake
 * {@code POST} until a read with the write's session token returns 200 in every one of the 3 regions; against a
 * raw producer → consumer round trip on the same broker at the same rate. A read served older than the write
 * counts as reordered; a write or read that never succeeds, as lost.
 */
final class E2eScenario implements Scenario {
    static final String RAW = "raw producer → consumer";
    static final String RIPPLE = "intake → readable in 3 regions";
    private static final String[] REGIONS = {"eqiad", "codfw", "esams"};

    @Override
    public String name() {
        return "e2e";
    }

    @Override
    public String description() {
        return "Latency at a fixed rate (--rate, events/s) from the intake POST until a read with its session token "
                + "returns 200 in all 3 regions (ripple up: intake, propagator, replicas, Redis), vs a raw "
                + "KafkaProducer → KafkaConsumer round trip on the same broker; ≤ 1 s is the share within a second.";
    }

    @Override
    public Session open(BenchContext context) throws Exception {
        Path home = Files.createTempDirectory("ripple-bench-e2e");
        RippleUp up = new RippleUp(new RippleUp.Options("127.0.0.1", 0, new UpFile(home.resolve("up.json"))),
                Clock.systemUTC());
        UpEndpoints endpoints = up.start();
        HttpClient http = HttpClient.newHttpClient();
        return new Session() {
            @Override
            public List<String> variants() {
                return List.of(RAW, RIPPLE);
            }

            @Override
            public Measurement run(String variant, int round, Progress progress) throws Exception {
                CpuMeter cpu = CpuMeter.start();
                long start = System.nanoTime();
                RawRoundTrip.Result result = variant.equals(RAW)
                        ? RawRoundTrip.run(endpoints.kafka(), "bench.e2e.raw.r" + round, context.events(),
                                context.rate(), progress)
                        : ripple(http, endpoints.http(), round, context.events(), context.rate(), progress);
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                return new Measurement(context.events(), elapsed, cpu.stop(), result.latency(), result.correctness());
            }

            @Override
            public void close() {
                up.close();
            }
        };
    }

    private static RawRoundTrip.Result ripple(HttpClient http, String base, int round, int events, int rate,
            Progress progress) throws Exception {
        double[] millis = new double[events];
        Arrays.fill(millis, Double.POSITIVE_INFINITY);
        AtomicLong stale = new AtomicLong();
        CompletableFuture<?>[] pending = new CompletableFuture<?>[events];
        Pacer pacer = new Pacer(rate);
        for (int i = 0; i < events; i++) {
            pacer.awaitTurn(i);
            int n = i;
            String key = "enwiki:R" + round + "_Page_" + (i % BenchEvents.KEYS);
            long t0 = System.nanoTime();
            pending[i] = http.sendAsync(post(base, key, i), HttpResponse.BodyHandlers.ofString())
                    .thenCompose(written -> {
                        if (written.statusCode() != 201) {
                            return CompletableFuture.completedFuture(null);
                        }
                        String token = written.headers().firstValue("Ripple-Session-Token").orElseThrow();
                        Dot dot = Dot.parse(readDot(written.body()));
                        CompletableFuture<?>[] reads = Arrays.stream(REGIONS).map(region -> http.sendAsync(
                                get(base, region, key, token), HttpResponse.BodyHandlers.discarding())
                                .thenApply(read -> {
                                    if (read.statusCode() != 200) {
                                        return Double.POSITIVE_INFINITY;
                                    }
                                    if (served(read).compareTo(dot) < 0) {
                                        stale.incrementAndGet();
                                    }
                                    return (System.nanoTime() - t0) / 1e6;
                                })).toArray(CompletableFuture[]::new);
                        return CompletableFuture.allOf(reads).thenRun(() -> millis[n] = Arrays.stream(reads)
                                .mapToDouble(r -> (Double) r.join()).max().orElseThrow());
                    }).whenComplete((ok, error) -> progress.advance(1));
        }
        try {
            CompletableFuture.allOf(pending).get(30, TimeUnit.SECONDS);
        } catch (Exception e) {
            // a failed or late event stays infinite and counts as lost below
        }
        long delivered = Arrays.stream(millis).filter(Double::isFinite).count();
        return new RawRoundTrip.Result(Measurement.Latency.of(millis.clone()),
                new Correctness(events, delivered, stale.get(), 0));
    }

    private static HttpRequest post(String base, String key, int revision) {
        return HttpRequest.newBuilder(URI.create(base + "/v1/events")).header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"meta\": {\"stream\": \"edits\", \"domain\": "
                        + "\"en.example.org\"}, \"key\": \"" + key + "\", \"revision\": " + revision
                        + ", \"content_type\": \"text/plain\", \"body\": \"" + "x".repeat(60) + "\"}")).build();
    }

    private static HttpRequest get(String base, String region, String key, String token) {
        return HttpRequest.newBuilder(URI.create(base + "/v1/regions/" + region + "/objects/" + key))
                .header("Ripple-Session-Token", token).header("Ripple-On-Violation", "wait=5000").build();
    }

    private static String readDot(String body) {
        try {
            return EventJson.mapper().readTree(body).at("/results/0/dot").asText();
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    private static Dot served(HttpResponse<?> read) {
        return Dot.parse(read.headers().firstValue("ETag").orElseThrow().replaceAll("^\"[^/]*/|\"$", ""));
    }
}
