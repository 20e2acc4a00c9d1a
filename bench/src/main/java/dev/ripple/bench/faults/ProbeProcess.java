package dev.ripple.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.cli.CliException;
import dev.ripple.cli.up.PartJvm;
import dev.ripple.cli.up.PartLaunch;
import dev.ripple.runtime.server.MetricSample;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A {@code ripple probe} JVM of the fault harness's own, following every key ({@code --sample 1}) with the given
 * check budget, reading each region through the read API given for it and the stack's Redis. Reads its
 * report ({@code /api/probe}), its counters ({@code /metrics}) and its CPU and memory ({@code /proc/<pid>/stat},
 * {@code /proc/<pid>/status}). Closing stops it with SIGTERM.
 */
final class ProbeProcess implements AutoCloseable {
    /** Its heap: a minute of pending checks at a thousand writes a second fits several times over. */
    static final String HEAP = "-Xmx512m";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();
    private static final double TICKS_PER_SECOND = 100;

    private final PartJvm jvm;
    private final String url;

    private ProbeProcess(PartJvm jvm) {
        this.jvm = jvm;
        this.url = jvm.launch().url();
    }

    /**
     * Starts it and waits until it is ready.
     *
     * @param readApis per region, the read API to check it through
     * @param ladder its delays ({@code --ladder}); null for its default
     * @param log where its output is appended
     * @throws CliException if it exits or is not ready within {@code timeout}
     */
    static ProbeProcess start(String kafka, String etcd, String redis, Map<String, String> readApis,
            int checksPerSecond, String ladder, Path log, Duration timeout, Clock clock) {
        int port = freePort();
        List<String> args = new ArrayList<>(List.of("probe", "--bootstrap-servers", kafka, "--etcd", etcd,
                "--redis", redis, "--sample", "1", "--max-checks-per-s", Integer.toString(checksPerSecond),
                "--max-pending", "10000000", "--host", "127.0.0.1", "--port", Integer.toString(port)));
        readApis.forEach((region, api) -> args.addAll(List.of("--read-api", region + "=" + api)));
        if (ladder != null) {
            args.addAll(List.of("--ladder", ladder));
        }
        PartJvm jvm = PartJvm.start(new PartLaunch("ripple probe", args, port), List.of(HEAP), Map.of(), log);
        try {
            PartJvm.awaitReady(List.of(jvm), timeout, clock, progress -> { });
        } catch (CliException e) {
            jvm.close();
            throw e;
        }
        return new ProbeProcess(jvm);
    }

    long pid() {
        return jvm.pid();
    }

    Path log() {
        return jvm.log();
    }

    /** {@code GET /api/probe}. */
    JsonNode report() {
        return LoadClient.json(get("/api/probe"));
    }

    /** Its {@code /metrics}. */
    List<MetricSample> metrics() {
        return MetricSample.parseAll(get("/metrics"));
    }

    /** Inconsistencies recorded so far, over every region, target and hop; -1 when it does not answer. */
    long inconsistencies() {
        try {
            return (long) MetricSample.sum(metrics(), "ripple_probe_inconsistencies_total", Map.of());
        } catch (UncheckedIOException e) {
            return -1;
        }
    }

    /** CPU seconds (user + system) the process used so far. */
    double cpuSeconds() {
        String[] fields = proc("stat").substring(proc("stat").lastIndexOf(')') + 2).split(" ");
        return (Long.parseLong(fields[11]) + Long.parseLong(fields[12])) / TICKS_PER_SECOND;
    }

    /** Its resident memory now and at most so far ({@code VmRSS}, {@code VmHWM}), bytes. */
    long[] rss() {
        String status = proc("status");
        return new long[] {kilobytes(status, "VmRSS") * 1024, kilobytes(status, "VmHWM") * 1024};
    }

    private String get(String path) {
        try {
            HttpResponse<String> answer = HTTP.send(HttpRequest.newBuilder(URI.create(url + path))
                    .timeout(Duration.ofSeconds(30)).build(), HttpResponse.BodyHandlers.ofString());
            if (answer.statusCode() != 200) {
                throw new UncheckedIOException(new IOException("GET " + url + path + ": " + answer.statusCode()));
            }
            return answer.body();
        } catch (IOException e) {
            throw new UncheckedIOException("GET " + url + path + " failed: " + e.getMessage(), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new UncheckedIOException(new IOException("Interrupted: GET " + url + path));
        }
    }

    private String proc(String file) {
        try {
            return Files.readString(Path.of("/proc", Long.toString(jvm.pid()), file));
        } catch (IOException e) {
            throw new UncheckedIOException("ripple probe (pid " + jvm.pid() + ") is gone", e);
        }
    }

    private static long kilobytes(String status, String field) {
        Matcher m = Pattern.compile("^" + field + ":\\s+(\\d+) kB", Pattern.MULTILINE).matcher(status);
        return m.find() ? Long.parseLong(m.group(1)) : 0;
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", 0));
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException("No free port for ripple probe", e);
        }
    }

    /** SIGTERM, then up to 30 s for it to stop, then SIGKILL. Idempotent. */
    @Override
    public void close() {
        jvm.close();
    }
}
