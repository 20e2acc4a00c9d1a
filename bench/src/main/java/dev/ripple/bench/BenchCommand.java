package dev.ripple.bench;

import dev.ripple.bench.faults.FaultsCommand;
import dev.ripple.bench.idle.IdleCommand;
import dev.ripple.bench.scenarios.Scenarios;
import dev.ripple.cli.CliException;
import dev.ripple.cli.up.UpTuning;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.EmbeddedRedis;
import dev.ripple.propagator.Delivery;
import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code ripple bench <scenario>}: Ripple against a baseline, interleaved over rounds, ratios reported. The fault
 * harness, which has no baseline and no rounds, is the subcommand {@code ripple bench faults}.
 */
@Command(name = "bench", mixinStandardHelpOptions = true, subcommands = {FaultsCommand.class, IdleCommand.class},
        description = {
        "Measure Ripple against a baseline on the same broker in the same run.",
        "Results go to target/bench/ as JSON and Markdown; exit code 2 when an event was lost or reordered.",
        "'ripple bench faults' runs the production shape under load and faults instead (see its --help);",
        "'ripple bench idle' measures the CPU of an idle ripple up beside the broker and Redis it embeds."})
public final class BenchCommand implements Callable<Integer> {

    /** Optional only so that picocli lets {@code faults} through as a subcommand; {@link #call} asks for it. */
    @Parameters(index = "0", arity = "0..1", paramLabel = "SCENARIO[,SCENARIO...]",
            completionCandidates = Scenarios.Names.class, description = "What to measure: a scenario, or several "
            + "separated by commas, run one after the other on the same broker and Redis (then a scenario that "
            + "names its parts, e2e --sustained, is compared with them in CPU per event).")
    String scenario;

    @Option(names = "--rounds", defaultValue = "3", description = "Rounds of each variant (default: ${DEFAULT-VALUE}).")
    int rounds;

    @Option(names = "--events", defaultValue = "50000", description = "Events per round (default: ${DEFAULT-VALUE}).")
    int events;

    @Option(names = "--rate", description = "Events/s of fixed-rate scenarios (default: the scenario's own: "
            + "e2e 50%% of the saturation it measures first, e2e --sustained's first step 500, http-sink and "
            + "http-e2e 500).")
    Integer rate;

    @Option(names = "--delivery", paramLabel = "MODE", description = "e2e, http-e2e: the propagator's delivery mode "
            + "in the ripple up it starts, exactly-once or at-least-once (default: -D" + UpTuning.DELIVERY
            + ", else exactly-once).")
    String delivery;

    @Option(names = "--sustained", description = "e2e: publish batches at a rate that steps up until fewer than "
            + "99.99%% of a step's events are applied and purged in every region within 1 s, then hold the best "
            + "passing rate (--hold-s); instead of the saturation burst and the fixed-rate rounds.")
    boolean sustained;

    @Option(names = "--batch", defaultValue = "100", description = "e2e --sustained: events per POST "
            + "(default: ${DEFAULT-VALUE}).")
    int batch;

    @Option(names = "--connections", defaultValue = "4", description = "e2e --sustained: publishers, each on its "
            + "own connection with one batch in flight and keys of its own (default: ${DEFAULT-VALUE}).")
    int connections;

    @Option(names = "--step", defaultValue = "1.25", description = "e2e --sustained: each step's rate over the "
            + "one before (default: ${DEFAULT-VALUE}).")
    double step;

    @Option(names = "--step-s", defaultValue = "10", description = "e2e --sustained: seconds each step publishes "
            + "(default: ${DEFAULT-VALUE}).")
    int stepSeconds;

    @Option(names = "--steps", defaultValue = "16", description = "e2e --sustained: the most steps "
            + "(default: ${DEFAULT-VALUE}).")
    int steps;

    @Option(names = "--hold-s", defaultValue = "60", description = "e2e --sustained: seconds the best passing "
            + "rate is held, split evenly into the rounds (default: ${DEFAULT-VALUE}).")
    int holdSeconds;

    @Option(names = "--dependents", defaultValue = "1000000", description = "fanout: dependents of the key it edits, "
            + "half of them reading the part the edit changes (default: ${DEFAULT-VALUE}).")
    int dependents;

    @Option(names = "--fanout-rate", paramLabel = "PER_S", description = "fanout: the stream's fanout_rate_per_s, "
            + "dependents walked per second in the key's partition (default: the scenario's own, 25000).")
    Integer fanoutRate;

    @Option(names = "--fanout-max-lag-ms", paramLabel = "MS", description = "fanout: the stream's fanout_max_lag_ms, "
            + "the back pressure that keeps direct edits' latency (default: the config's, 150); 600000 all but turns "
            + "it off, to measure what the propagator can fan out at saturation.")
    Long fanoutMaxLagMs;

    @Option(names = "--bootstrap-servers", description = "Use this broker instead of an in-process one.")
    String bootstrapServers;

    @Option(names = "--redis", paramLabel = "URI", description = "Use this Redis (redis://host:port; the scenarios "
            + "flush nothing, they use keys of their own) instead of an embedded one (a bundled Redis 6.2 build).")
    String redisUri;

    @Option(names = "--out", defaultValue = "target/bench", description = "Where to write results "
            + "(default: ${DEFAULT-VALUE}).")
    Path out;

    CommandLine.Model.CommandSpec spec;

    /** Picocli hands over the model when it builds it; the help then lists every scenario with its line. */
    @CommandLine.Spec
    void spec(CommandLine.Model.CommandSpec model) {
        this.spec = model;
        model.usageMessage().footerHeading("%nScenarios:%n").footer(Scenarios.all().stream()
                .map(s -> String.format("  %-10s %s", s.name(), s.summary()).replace("%", "%%"))
                .toArray(String[]::new));
    }

    @Override
    public Integer call() throws Exception {
        if (scenario == null) {
            throw new CliException("Name a scenario (" + String.join(", ", Scenarios.names()) + "), or run "
                    + "'ripple bench faults'.");
        }
        List<Scenario> chosen = new ArrayList<>();
        for (String name : scenario.split(",", -1)) {
            chosen.add(Scenarios.byName(name.strip()).orElseThrow(() -> new CliException("Unknown scenario '"
                    + name.strip() + "'; choose one of " + String.join(", ", Scenarios.names()) + ".")));
        }
        if (sustained && chosen.stream().noneMatch(s -> s.name().equals("e2e"))) {
            throw new CliException("--sustained is a mode of e2e: name e2e among the scenarios.");
        }
        if (rate != null && rate < 1) {
            throw new CliException("Invalid value " + rate + " for --rate: must be at least 1 event/s.");
        }
        if (redisUri != null && !redisUri.matches("rediss?://.+")) {
            throw new CliException("Invalid value '" + redisUri + "' for --redis: give a URI such as "
                    + "redis://127.0.0.1:6379.");
        }
        if (fanoutRate != null && fanoutRate < 1) {
            throw new CliException("Invalid value " + fanoutRate + " for --fanout-rate: must be at least 1/s.");
        }
        if (fanoutMaxLagMs != null && (fanoutMaxLagMs < 10 || fanoutMaxLagMs > 600_000)) {
            throw new CliException("Invalid value " + fanoutMaxLagMs + " for --fanout-max-lag-ms: must be 10 to "
                    + "600000 ms.");
        }
        if (rounds < 3) {
            throw new CliException("Use at least 3 rounds (--rounds 3): one round on a shared machine proves nothing.");
        }
        Delivery mode;
        try {
            mode = delivery == null ? UpTuning.fromSystemProperties().delivery() : Delivery.of(delivery, "--delivery");
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
        Sustained plan = sustained ? sustained() : null;
        PrintWriter stdout = spec.commandLine().getOut();
        PrintWriter stderr = spec.commandLine().getErr();
        EmbeddedKafka kafka = bootstrapServers == null ? EmbeddedKafka.start() : null;
        try (EmbeddedRedis redis = redisUri == null ? EmbeddedRedis.start() : null) {
            BenchContext context = new BenchContext(kafka != null ? kafka.bootstrapServers() : bootstrapServers,
                    kafka != null, redis != null ? redis.uri() : redisUri, events, rate == null ? 0 : rate, mode, plan,
                    dependents, fanoutRate == null ? 0 : fanoutRate, fanoutMaxLagMs == null ? 0 : fanoutMaxLagMs);
            List<Report> reports = new ArrayList<>();
            for (Scenario each : chosen) {
                Report report = run(each, context, stderr, rounds);
                Path md = report.write(out);
                stdout.println(report.markdown());
                stdout.println("written to " + md + " (and .json)");
                stdout.flush();
                reports.add(report);
            }
            String comparison = CpuComparison.markdown(reports);
            if (!comparison.isEmpty()) {
                Path md = out.resolve("cpu-" + Instant.now().toString().replace(":", "").replace(".", "") + ".md");
                Files.writeString(md, comparison);
                stdout.println(comparison);
                stdout.println("written to " + md);
                stdout.flush();
            }
            return reports.stream().allMatch(Report::allCorrect) ? 0 : 2;
        } finally {
            if (kafka != null) {
                kafka.close();
            }
        }
    }

    private Sustained sustained() {
        if (holdSeconds < rounds) {
            throw new CliException("Invalid value " + holdSeconds + " for --hold-s: the hold is split into the "
                    + rounds + " rounds, give at least 1 s each.");
        }
        try {
            return new Sustained(rate == null ? 500 : rate, step, Duration.ofSeconds(stepSeconds), steps,
                    Duration.ofMillis(Math.max(1, holdSeconds * 1000L / rounds)), batch, connections);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage() + ".");
        }
    }

    /** Runs every round of every variant, interleaved: round 1 of each, then round 2 of each, … */
    static Report run(Scenario scenario, BenchContext context, PrintWriter progressOut, int total)
            throws Exception {
        try (Scenario.Session session = scenario.open(context)) {
            List<String> variants = session.variants();
            Report report = new Report(scenario.name(), scenario.description(), Instant.now(), variants,
                    session::baselineOf);
            for (String variant : variants) {
                report.warmUp(variant, session.run(variant, 0, new Progress(progressOut, "warm-up " + variant,
                        session.events(variant, context.events()), false)));
            }
            for (int round = 1; round <= total; round++) {
                for (String variant : variants) {
                    try (Progress progress = new Progress(progressOut, variant + " (round " + round + "/" + total
                            + ")", session.events(variant, context.events()), true)) {
                        report.add(variant, session.run(variant, round, progress));
                    }
                }
            }
            report.notes(session.notes());
            report.parts(session.parts());
            return report;
        }
    }
}
