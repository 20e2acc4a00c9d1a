package dev.ripple.bench.idle;

import dev.ripple.cli.CliException;
import dev.ripple.cli.Main;
import dev.ripple.cli.up.UpEndpoints;
import dev.ripple.cli.up.UpFile;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ripple bench idle}: the CPU of an idle {@code ripple up} (embedded defaults, its own JVM) beside a
 * baseline JVM running only the broker and Redis that {@code up} embeds ({@link IdleBaseline}), both measured by
 * the kernel over the same window after a warm-up.
 */
@Command(name = "idle", mixinStandardHelpOptions = true, description = {
        "CPU of an idle 'ripple up' beside what it cannot avoid, %% of one core.",
        "Starts 'ripple up --port 0' (embedded defaults, as a user runs it) and a baseline JVM with only the broker",
        "and Redis that up embeds, each its own process; checks that up serves /readyz; idles --warmup-s; then",
        "measures both from /proc over the same --duration-s: CPU of each JVM and its redis-server, thread counts,",
        "the busiest threads, and the difference Ripple adds. Exit code 1 when either fails to start or stops."})
public final class IdleCommand implements Callable<Integer> {
    /** Issue 23's goal for what an idle {@code ripple up} adds, % of one core. */
    static final double GOAL_PCT = 3;
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    @Option(names = "--warmup-s", defaultValue = "300", description = "Seconds idle after both are ready, before "
            + "measuring: the JIT keeps compiling what an idle process runs for minutes (10%% of a core after 1 "
            + "minute, 1.5%% after 5, 0.7%% after 10 on a busy 2-core machine) (default: ${DEFAULT-VALUE}).")
    long warmupS;

    @Option(names = "--duration-s", defaultValue = "120", description = "Seconds measured (default: ${DEFAULT-VALUE}).")
    long durationS;

    @Option(names = "--start-timeout-s", defaultValue = "300", description = "How long each may take to start, s "
            + "(default: ${DEFAULT-VALUE}).")
    long startTimeoutS;

    @Option(names = "--java-opts", defaultValue = "", paramLabel = "OPTS", description = "JVM options of both "
            + "processes, space-separated (default: none, as 'bin/ripple up' without RIPPLE_JAVA_OPTS).")
    String javaOpts;

    @Option(names = "--jfr", paramLabel = "FILE", description = "Record up's JVM over the window (JFR, settings "
            + "'profile', started and stopped with jcmd) to FILE; its cost then counts in up's figures.")
    Path jfr;

    @Option(names = "--out", defaultValue = "target/bench", description = "Where to write the report and the "
            + "processes' logs (default: ${DEFAULT-VALUE}).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        if (warmupS < 0 || durationS < 1 || startTimeoutS < 1) {
            throw new CliException("--warmup-s must be at least 0, --duration-s and --start-timeout-s at least 1.");
        }
        PrintWriter err = spec.commandLine().getErr();
        Files.createDirectories(out);
        Path work = Files.createTempDirectory("ripple-bench-idle");
        List<String> options = javaOpts.isBlank() ? List.of() : Arrays.asList(javaOpts.trim().split("\\s+"));
        Path upHome = work.resolve("up");
        Path baselineReady = work.resolve("baseline.ready");
        try (ChildJvm up = ChildJvm.start("ripple up", options, Main.class.getName(), List.of("up", "--port", "0"),
                Map.of("RIPPLE_HOME", upHome.toString()), out.resolve("idle-up.log"));
             ChildJvm baseline = ChildJvm.start("baseline: broker + Redis", options, IdleBaseline.class.getName(),
                     List.of(baselineReady.toString()), Map.of(), out.resolve("idle-baseline.log"))) {
            err.printf("idle: started ripple up (pid %d, log %s) and the baseline (pid %d, log %s)%n", up.pid(),
                    up.log(), baseline.pid(), baseline.log());
            err.flush();
            UpEndpoints endpoints = awaitUp(up, new UpFile(upHome.resolve("up.json")));
            awaitFile(baseline, baselineReady);
            err.printf("idle: both ready (up at %s); idle %d s, then measuring %d s%n", endpoints.http(), warmupS,
                    durationS);
            err.flush();
            up.idleFor(warmupS);
            baseline.requireAlive();
            if (jfr != null) {
                jcmd(up, "JFR.start", "name=idle", "settings=profile", "filename=" + jfr.toAbsolutePath());
            }
            String loadBefore = loadAverage();
            String when = Instant.now().toString();
            ProcStat upStart = ProcStat.of(up.pid());
            ProcStat baselineStart = ProcStat.of(baseline.pid());
            long begin = System.nanoTime();
            up.idleFor(durationS);
            ProcStat upEnd = ProcStat.of(up.pid());
            ProcStat baselineEnd = ProcStat.of(baseline.pid());
            double seconds = (System.nanoTime() - begin) / 1e9;
            String loadAfter = loadAverage();
            if (jfr != null) {
                jcmd(up, "JFR.stop", "name=idle");
            }
            if (!ready(endpoints)) {
                throw new CliException("ripple up stopped answering /readyz with 200 while idle; see " + up.log());
            }
            IdleReport report = new IdleReport(when, warmupS, durationS, loadBefore, loadAfter,
                    IdleSide.between(up.name(), upStart, upEnd, seconds),
                    IdleSide.between(baseline.name(), baselineStart, baselineEnd, seconds), GOAL_PCT,
                    jfr == null ? null : jfr.toAbsolutePath().toString());
            Path md = report.write(out);
            PrintWriter stdout = spec.commandLine().getOut();
            stdout.println(report.markdown());
            stdout.println("written to " + md + " (and .json)");
            stdout.flush();
            return 0;
        }
    }

    /** Waits until {@code up} has written its up file and answers {@code /readyz} with 200. */
    private UpEndpoints awaitUp(ChildJvm up, UpFile upFile) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(startTimeoutS).toNanos();
        while (System.nanoTime() < deadline) {
            up.requireAlive();
            Optional<UpEndpoints> endpoints = upFile.read().filter(e -> e.pid() == up.pid());
            if (endpoints.isPresent() && ready(endpoints.get())) {
                return endpoints.get();
            }
            up.idleFor(1);
        }
        throw new CliException("ripple up was not ready within " + startTimeoutS + " s; see " + up.log());
    }

    private void awaitFile(ChildJvm child, Path file) throws InterruptedException {
        long deadline = System.nanoTime() + Duration.ofSeconds(startTimeoutS).toNanos();
        while (!Files.exists(file)) {
            child.requireAlive();
            if (System.nanoTime() > deadline) {
                throw new CliException(child.name() + " was not ready within " + startTimeoutS + " s; see "
                        + child.log());
            }
            child.idleFor(1);
        }
    }

    private static boolean ready(UpEndpoints endpoints) throws InterruptedException {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(endpoints.http() + "/readyz"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding())
                    .statusCode() == 200;
        } catch (IOException e) {
            return false;
        }
    }

    private static void jcmd(ChildJvm child, String... command) throws IOException, InterruptedException {
        List<String> line = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "jcmd")
                .toString(), Long.toString(child.pid())));
        line.addAll(List.of(command));
        Process process = new ProcessBuilder(line).redirectErrorStream(true).start();
        String output = new String(process.getInputStream().readAllBytes());
        if (process.waitFor() != 0) {
            throw new CliException("jcmd " + String.join(" ", command) + " failed: " + output.trim());
        }
    }

    private static String loadAverage() throws IOException {
        String[] fields = Files.readString(Path.of("/proc/loadavg")).trim().split(" ");
        return fields[0] + " " + fields[1] + " " + fields[2];
    }
}
