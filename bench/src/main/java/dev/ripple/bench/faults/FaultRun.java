package dev.ripple.bench.faults;

import dev.ripple.cli.CliException;
import dev.ripple.cli.up.ProcessUp;
import dev.ripple.cli.up.UpEndpoints;
import dev.ripple.cli.up.UpFile;
import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.consistency.history.CheckReport;
import dev.ripple.consistency.history.History;
import dev.ripple.consistency.history.HistoryChecker;
import dev.ripple.runtime.lifecycle.ShutdownHook;
import dev.ripple.runtime.server.MetricSample;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.apache.kafka.clients.admin.Admin;

/**
 * {@code ripple bench faults}: the production shape ({@link ProcessUp}) in this JVM's care, a {@link SessionLoad}
 * against it, and a fault every interval, drawn with the seed ({@link FaultInjector}); then the load stops, every
 * acknowledged write must become readable everywhere ({@link Convergence}), and the history is checked.
 */
public final class FaultRun {
    private static final Duration READY_TIMEOUT = Duration.ofMinutes(4);
    private static final Duration WARM_UP_TIMEOUT = Duration.ofMinutes(1);
    private static final Duration CONVERGENCE_TIMEOUT = Duration.ofMinutes(2);
    /** After a fault that overran its interval, the next waits this long. */
    private static final Duration SETTLE = Duration.ofSeconds(5);
    /** How long the prober may take after the load to judge the last writes at its longest delay (60 s). */
    private static final Duration PROBE_DRAIN_TIMEOUT = Duration.ofMinutes(3);

    private FaultRun() {}

    /**
     * Runs it, printing what happens (starting, each fault, a progress line) to {@code out}.
     *
     * @return the report; it also says whether the run passed ({@link FaultReport#ok()})
     * @throws CliException if the stack does not start or the load never gets going
     */
    public static FaultReport run(FaultsConfig config, Clock clock, PrintWriter out) throws Exception {
        Instant when = clock.instant();
        Path home = config.out().toAbsolutePath().resolve("faults-" + when.toString().replace(":", "")
                .replace(".", ""));
        out.printf("ripple bench faults: starting ripple up --processes --instances %d (logs in %s)%n",
                config.instances(), home.resolve("processes"));
        out.flush();
        try (ProcessUp up = new ProcessUp(new ProcessUp.Options(config.regions(), config.instances(),
                new UpFile(home.resolve("up.json")), READY_TIMEOUT), clock, out);
                // Ctrl-C stops the parts too: they are processes of their own and would outlive this JVM
                ShutdownHook hook = ShutdownHook.install("ripple-bench-faults", up)) {
            UpEndpoints endpoints = up.start();
            LoadConfig load = loadConfig(up, config.sessions(), config.batch());
            out.printf("ripple bench faults: %d processes ready; %d sessions against %s and %s; seed %d%n",
                    up.rows().size(), config.sessions(), load.intakes(), load.readApis(), config.seed());
            out.flush();
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", endpoints.kafka()));
                    ProbeProcess probe = config.probe() ? startProbe(endpoints, load, config, home, clock, out) : null;
                    // a process of its own as well: Ctrl-C or SIGTERM must stop it too
                    ShutdownHook probeHook = probe == null ? null : ShutdownHook.install("ripple-bench-faults-probe",
                            probe)) {
                return underLoad(up, admin, load, config, clock, out, when, probe);
            }
        }
    }

    private static FaultReport underLoad(ProcessUp up, Admin admin, LoadConfig loadConfig, FaultsConfig config,
            Clock clock, PrintWriter out, Instant when, ProbeProcess probe) throws Exception {
        double probeCpu = probe == null ? 0 : probe.cpuSeconds();
        SessionLoad load = SessionLoad.start(loadConfig, clock);
        long startMs = clock.millis();
        List<Fault> faults = new ArrayList<>();
        List<Long> marks = new ArrayList<>();
        try (FaultProgress progress = new FaultProgress(out, load, clock, startMs, config.duration())) {
            awaitWarm(load, startMs, clock);
            FaultInjector injector = new FaultInjector(up, load, admin, config, clock, startMs, progress::status);
            Random random = new Random(config.seed());
            List<FaultKind> kinds = config.kinds().stream().sorted().toList();
            long interval = config.faultInterval().toMillis();
            long end = startMs + config.duration().toMillis();
            for (long next = startMs + interval; next < end && !kinds.isEmpty();
                    next = Math.max(next + interval, clock.millis() + SETTLE.toMillis())) {
                waitUntil(next, clock);
                if (probe != null) {
                    marks.add(probe.inconsistencies());
                }
                Fault fault = injector.inject(kinds.get(random.nextInt(kinds.size())), random);
                faults.add(fault);
                progress.finished(fault);
            }
            progress.status(kinds.isEmpty() ? "load running; no faults" : "load running; no more faults");
            waitUntil(end, clock);
        } finally {
            load.close();
        }
        Duration elapsed = Duration.ofMillis(clock.millis() - startMs);
        out.println("ripple bench faults: load stopped; reading every acknowledged write back everywhere");
        out.flush();
        long convergeStart = clock.millis();
        List<String> unreadable = Convergence.unreadable(load.lastAcked(), loadConfig, CONVERGENCE_TIMEOUT, clock);
        Duration converged = Duration.ofMillis(clock.millis() - convergeStart);
        CheckReport check = HistoryChecker.create().check(History.of(load.operations()));
        ProbeFindings findings = probe == null ? null : findings(probe, probeCpu, marks, out, clock);
        return new FaultReport(config, when, elapsed, load.counts(), faults, unreadable, converged, check, findings);
    }

    /** The harness's prober, reading each region through its first read API, as {@code ripple up}'s own does. */
    private static ProbeProcess startProbe(UpEndpoints endpoints, LoadConfig load, FaultsConfig config,
            Path home, Clock clock, PrintWriter out) {
        Map<String, String> readApis = new LinkedHashMap<>();
        load.readApis().forEach((region, apis) -> readApis.put(region, apis.get(0)));
        ProbeProcess probe = ProbeProcess.start(endpoints.kafka(), endpoints.etcd(), endpoints.redis(), readApis,
                config.probeChecksPerSecond(), config.probeLadder(),
                home.resolve("processes").resolve("probe-bench.log"), READY_TIMEOUT, clock);
        out.printf("ripple bench faults: ripple probe --sample 1%s (pid %d) reading %s%n", config.probeLadder() == null
                ? "" : " --ladder " + config.probeLadder(), probe.pid(), readApis);
        out.flush();
        return probe;
    }

    /**
     * Waits until the prober has judged every sampled write at every delay (nothing pending), then reads its
     * findings and cost; {@code marks} are its inconsistency counts as each fault was injected.
     */
    private static ProbeFindings findings(ProbeProcess probe, double cpuStart, List<Long> marks, PrintWriter out,
            Clock clock) throws InterruptedException {
        out.println("ripple bench faults: waiting for the prober to judge every sampled write at every delay");
        out.flush();
        if (!Waits.until(() -> probe.report().path("pending").asLong() == 0, Duration.ofSeconds(2),
                PROBE_DRAIN_TIMEOUT, clock)) {
            out.printf("ripple bench faults: the prober still had %d checks pending after %d s%n",
                    probe.report().path("pending").asLong(), PROBE_DRAIN_TIMEOUT.toSeconds());
        }
        List<MetricSample> metrics = probe.metrics();
        long total = (long) MetricSample.sum(metrics, "ripple_probe_inconsistencies_total", Map.of());
        List<Long> afterFault = new ArrayList<>();
        for (int i = 0; i < marks.size(); i++) {
            afterFault.add((i + 1 < marks.size() ? marks.get(i + 1) : total) - marks.get(i));
        }
        long[] rss = probe.rss();
        return ProbeFindings.of(probe.report(), metrics, afterFault, marks.isEmpty() ? total : marks.get(0),
                probe.cpuSeconds() - cpuStart, rss[0], rss[1]);
    }

    /** {@code sessions} publishing {@code batch} events at a time against every intake and read API {@code up} lists. */
    static LoadConfig loadConfig(ProcessUp up, int sessions, int batch) {
        List<String> intakes = new ArrayList<>();
        Map<String, List<String>> readApis = new LinkedHashMap<>();
        for (ProcessUp.Row row : up.rows()) {
            String[] words = row.name().split(" ");
            if (words[0].equals("producer")) {
                intakes.add(row.address());
            } else if (words[0].equals("replica")) {
                readApis.computeIfAbsent(words[1], r -> new ArrayList<>()).add(row.address());
            }
        }
        return new LoadConfig(intakes, readApis, up.producerToken(), SessionTokenCodec.of(up.sessionKeys()),
                sessions, batch, Math.max(4, batch));
    }

    private static void awaitWarm(SessionLoad load, long startMs, Clock clock) throws InterruptedException {
        if (!Waits.until(() -> load.roundTripsSince(startMs).isPresent(), Duration.ofMillis(100), WARM_UP_TIMEOUT,
                clock)) {
            throw new CliException("The load got no write read back in " + WARM_UP_TIMEOUT.toSeconds()
                    + " s after every part was ready (" + load.counts() + "; last failure: " + load.lastFailure()
                    + "); see the parts' logs.");
        }
    }

    private static void waitUntil(long ms, Clock clock) throws InterruptedException {
        Waits.hold(Duration.ofMillis(ms - clock.millis()));
    }
}
