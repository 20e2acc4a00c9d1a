package dev.ripple.bench.faults;

import dev.ripple.cli.CliException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.stream.Collectors;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ripple bench faults}: the production shape under load and faults; see {@link FaultRun}. */
@Command(name = "faults", mixinStandardHelpOptions = true, description = {
        "The production shape under session load and seeded faults; recovery per fault, history checked.",
        "Starts ripple up --processes, runs client sessions that write and read back with their tokens, and every",
        "interval injects a fault drawn with the seed: kill -9 of a part instance (then a replacement), Redis",
        "paused (SIGSTOP, then SIGCONT), etcd restarted, or (scale) an instance added, then removed with SIGTERM;",
        "and, when named in --faults, broker-restart: the Kafka broker killed with SIGKILL, down for --pause-s, started",
        "again on its data (not in the default: on two cores the broker takes ~14 s to answer again and the sessions",
        "~26 s more to read back, so one takes the place of several other faults in a short run). At the end every",
        "acknowledged write must be readable from every read API, and the HistoryChecker must find no anomaly; exit",
        "code 2 otherwise, or when a fault did not recover. Needs etcd and redis-server; takes the ports of",
        "ripple up --processes (8081…, 9400)."})
public final class FaultsCommand implements Callable<Integer> {

    @Option(names = "--duration-s", defaultValue = "300", description = "How long the load runs, s "
            + "(default: ${DEFAULT-VALUE}).")
    long durationS;

    @Option(names = "--fault-interval-s", defaultValue = "30", description = "Seconds between faults "
            + "(default: ${DEFAULT-VALUE}).")
    long intervalS;

    @Option(names = "--seed", description = "Picks the faults and targets (default: a random one, printed).")
    Long seed;

    @Option(names = "--faults", split = ",", paramLabel = "KIND[,KIND…]", defaultValue = "kill,redis-pause,"
            + "etcd-restart", description = "Faults to draw from: kill, redis-pause, etcd-restart, broker-restart, "
            + "scale; or 'none' for the load alone, a baseline "
            + "(default: ${DEFAULT-VALUE}).")
    List<String> faults = new ArrayList<>();

    @Option(names = "--instances", defaultValue = "2", description = "Instances of each part, 1 to 9; at least 2 "
            + "with kill (default: ${DEFAULT-VALUE}).")
    int instances;

    @Option(names = "--regions", split = ",", paramLabel = "R[,R…]", defaultValue = "eqiad",
            description = "Regions to run replicas and purgers for, or 'all' for every region of the demo config "
                    + "(default: ${DEFAULT-VALUE}).")
    List<String> regions = new ArrayList<>();

    @Option(names = "--sessions", defaultValue = "6", description = "Client sessions (default: ${DEFAULT-VALUE}).")
    int sessions;

    @Option(names = "--batch", defaultValue = "1", description = "Events per publish (default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--pause-s", defaultValue = "5", description = "How long Redis stays paused and the broker down, s "
            + "(default: ${DEFAULT-VALUE}).")
    long pauseS;

    @Option(names = "--recovery-timeout-s", defaultValue = "60", description = "How long a fault may take to "
            + "recover, s (default: ${DEFAULT-VALUE}).")
    long recoveryTimeoutS;

    @Option(names = "--probe", description = "Also run a ripple probe of the harness's own following every write "
            + "(--sample 1, each region read through its first replica, and Redis), "
            + "and report its nines per region, target and delay, its looks, skips and inconsistencies by hop and "
            + "by fault, and its CPU per sampled write and RSS.")
    boolean probe;

    @Option(names = "--probe-checks-per-s", paramLabel = "N", defaultValue = "5000", description = "The --probe "
            + "prober's check budget (ripple probe --max-checks-per-s): a sample over it is left out and counted "
            + "as skipped for budget (default: ${DEFAULT-VALUE}).")
    int probeChecksPerSecond;

    @Option(names = "--probe-ladder", paramLabel = "DELAY[,DELAY…]", description = "The --probe prober's delays "
            + "(ripple probe --ladder; default: its own, 100ms,1s,10s,60s).")
    String probeLadder;

    @Option(names = "--out", defaultValue = "target/bench", description = "Where to write the report and keep the "
            + "processes' logs (default: ${DEFAULT-VALUE}).")
    Path out;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws Exception {
        Set<FaultKind> kinds;
        try {
            kinds = faults.equals(List.of("none")) ? Set.of()
                    : faults.stream().map(String::trim).map(FaultKind::fromCode).collect(Collectors.toSet());
        } catch (IllegalArgumentException e) {
            throw new CliException("Invalid value for --faults: " + e.getMessage());
        }
        List<String> chosen = regions.equals(List.of("all")) ? List.of() : regions;
        FaultsConfig config = new FaultsConfig(Duration.ofSeconds(durationS), Duration.ofSeconds(intervalS),
                seed != null ? seed : new SecureRandom().nextLong(), kinds, instances, chosen, sessions, batch,
                Duration.ofSeconds(pauseS), Duration.ofSeconds(recoveryTimeoutS), out, probe, probeChecksPerSecond,
                probeLadder);
        PrintWriter stdout = spec.commandLine().getOut();
        FaultReport report = FaultRun.run(config, Clock.systemUTC(), spec.commandLine().getErr());
        Path md = report.write(out);
        stdout.println(report.markdown());
        stdout.println("written to " + md + " (and .json)");
        stdout.flush();
        return report.ok() ? 0 : 2;
    }
}
