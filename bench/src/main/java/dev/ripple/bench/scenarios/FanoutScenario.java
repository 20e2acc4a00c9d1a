package dev.ripple.bench.scenarios;

import dev.ripple.bench.BenchContext;
import dev.ripple.bench.Correctness;
import dev.ripple.bench.CpuMeter;
import dev.ripple.bench.Measurement;
import dev.ripple.bench.Progress;
import dev.ripple.bench.Scenario;
import dev.ripple.bench.deps.DirectProbe;
import dev.ripple.bench.deps.FanoutPlan;
import dev.ripple.bench.deps.FanoutRig;
import dev.ripple.bench.deps.InvalidationCensus;
import dev.ripple.bench.deps.PartMetrics;
import dev.ripple.bench.deps.StackCpu;
import dev.ripple.bench.deps.StackPropagator;
import dev.ripple.cli.up.ProcessUp;
import dev.ripple.cli.up.UpEndpoints;
import dev.ripple.cli.up.UpFile;
import dev.ripple.config.StreamDoc;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;

/**
 * {@code fanout} (issue 24): the production shape ({@code ripple up --processes}, one region's replica) with a stream
 * that carries dependencies; {@code --dependents} resources declaring that they use one key, loaded straight into
 * the stream's topic by a batching producer and indexed by the propagator. Each round edits the key and times the
 * drain: dependents invalidated per second, from the edit until eqiad's replica applied the last derived event;
 * against the propagator's own rate on direct edits of the same stream at saturation. Direct edits at a fixed rate
 * are timed (publish → applied in eqiad) while idle just before, and while the fan-out drains. The stream's ceiling
 * ({@code --fanout-rate}, 25,000/s) is above what one propagator routes, so the walk goes as fast as back pressure
 * ({@code --fanout-max-lag-ms}, the config's default) lets it; with 600000 ms it goes at saturation. CPU is the
 * stack's processes' ({@link StackCpu}), not this JVM's.
 */
final class FanoutScenario implements Scenario {
    static final String PROPAGATOR = "propagator: direct edits routed";
    static final String FANOUT = "fan-out: dependents invalidated";
    static final int DEFAULT_RATE = 25_000;
    static final int PROBE_RATE = 50;
    static final Duration IDLE_PROBE = Duration.ofSeconds(10);
    static final String REGION = "eqiad";

    @Override
    public String name() {
        return "fanout";
    }

    @Override
    public String summary() {
        return "dependents invalidated per second by one edit vs the propagator's own events/s; direct-edit latency "
                + "idle vs during the fan-out";
    }

    @Override
    public String description() {
        return "One key with --dependents dependents (half reading the changed part) in ripple up --processes: "
                + "dependents invalidated per second (edit → last derived event applied in eqiad's replica) against "
                + "direct edits of the same stream routed per second at saturation; direct edits at "
                + PROBE_RATE + "/s timed from publish until applied in eqiad, idle and while the fan-out drains. The "
                + "walk is paced by back pressure (--fanout-max-lag-ms; 600000 for saturation).";
    }

    @Override
    public Session open(BenchContext context) throws Exception {
        Path home = Files.createTempDirectory("ripple-bench-fanout");
        FanoutPlan plan = new FanoutPlan(context.dependents(), context.fanoutRate() > 0 ? context.fanoutRate()
                : DEFAULT_RATE, 500, 1000, PROBE_RATE, context.fanoutMaxLagMs() > 0 ? context.fanoutMaxLagMs()
                : StreamDoc.Dependencies.DEFAULT_FANOUT_MAX_LAG_MS);
        String loadBefore = E2eScenario.loadAverage();
        ProcessUp up = new ProcessUp(new ProcessUp.Options(List.of(REGION), 1, new UpFile(home.resolve("up.json")),
                Duration.ofMinutes(3), context.delivery()), Clock.systemUTC(), new PrintWriter(new StringWriter(),
                true));
        FanoutRig rig = null;
        try {
            UpEndpoints endpoints = up.start();
            StackPropagator propagator = new StackPropagator(up);
            rig = new FanoutRig(endpoints.kafka(), endpoints.etcd(), REGION, new PartMetrics(propagator::address));
            rig.configure(plan, Duration.ofSeconds(90), () -> propagator.restart(false));
            FanoutRig.Load load = rig.declare(plan, rig.edgesAdded(), Duration.ofMinutes(10));
            return new FanoutSession(context, plan, home, up, endpoints, rig, load, loadBefore);
        } catch (Exception | Error e) {
            try (ProcessUp stop = up; FanoutRig close = rig) {
                throw e;
            }
        }
    }

    /** One idle probe and one fan-out. */
    private record Round(int round, Measurement.Latency idle, Measurement.Latency draining, long probed,
            double drainSeconds) {}

    private static final class FanoutSession implements Session {
        private final BenchContext context;
        private final FanoutPlan plan;
        private final Path home;
        private final ProcessUp up;
        private final UpEndpoints endpoints;
        private final FanoutRig rig;
        private final FanoutRig.Load load;
        private final String loadBefore;
        private final List<Round> rounds = new ArrayList<>();
        private final List<Double> saturation = new ArrayList<>();

        FanoutSession(BenchContext context, FanoutPlan plan, Path home, ProcessUp up, UpEndpoints endpoints,
                FanoutRig rig, FanoutRig.Load load, String loadBefore) {
            this.context = context;
            this.plan = plan;
            this.home = home;
            this.up = up;
            this.endpoints = endpoints;
            this.rig = rig;
            this.load = load;
            this.loadBefore = loadBefore;
        }

        @Override
        public List<String> variants() {
            return List.of(PROPAGATOR, FANOUT);
        }

        @Override
        public int events(String variant, int events) {
            return variant.equals(FANOUT) ? plan.invalidated() : events;
        }

        @Override
        public Measurement run(String variant, int round, Progress progress) throws Exception {
            StackCpu cpu = StackCpu.start(up);
            if (variant.equals(PROPAGATOR)) {
                long start = System.nanoTime();
                double steady = rig.directSaturation(context.events(), "sat" + round, Duration.ofMinutes(5));
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                progress.advance(context.events());
                saturation.add(steady);
                return new Measurement(context.events(), elapsed, cpu.stop(), null, Correctness.NOT_CHECKED);
            }
            DirectProbe idle = rig.probe("idle" + round, PROBE_RATE);
            pause(IDLE_PROBE);
            idle.stop();
            Measurement.Latency quiet = idle.latency(endpoints.redis(), REGION, Duration.ofSeconds(30));
            InvalidationCensus census = InvalidationCensus.mark(endpoints.kafka(), rig.admin(), rig.topics(),
                    List.of(REGION));
            cpu = StackCpu.start(up);
            double derivedBefore = rig.derived();
            FanoutRig.Edit edit = rig.edit();
            DirectProbe busy = rig.probe("drain" + round, PROBE_RATE);
            long drained = rig.awaitDrained(derivedBefore, plan.invalidated(), Duration.ofMinutes(10));
            Duration elapsed = Duration.ofNanos(drained - edit.publishedNanos());
            CpuMeter.Split split = cpu.stop();
            int probed = busy.stop();
            Measurement.Latency draining = busy.latency(endpoints.redis(), REGION, Duration.ofSeconds(30));
            progress.advance(plan.invalidated());
            InvalidationCensus.Result result = census.count(rig.admin(), edit.rootId(), plan.dependents(),
                    plan.invalidated(), Duration.ofMinutes(2));
            InvalidationCensus.Region eqiad = result.regions().get(REGION);
            rounds.add(new Round(round, quiet, draining, probed, elapsed.toNanos() / 1e9));
            return new Measurement(plan.invalidated(), elapsed, split, draining, new Correctness(plan.invalidated(),
                    eqiad.invalidated(), 0, eqiad.repeated() + eqiad.wrong()));
        }

        @Override
        public String notes() {
            StringBuilder md = new StringBuilder();
            md.append("Config: ").append(plan.describe()).append(".\n\n");
            md.append(String.format(Locale.ROOT, "Declarations: %,d published straight into `ripple.stream.%s` in "
                    + "%.1f s, all indexed after %.1f s; the propagator routed the declaring events at **%,.0f "
                    + "events/s** (10%%–90%% of them).%n%n", load.declarations(), FanoutPlan.STREAM,
                    load.published().toMillis() / 1000.0, load.indexed().toMillis() / 1000.0, load.routedPerS()));
            md.append("Direct edits routed at saturation (10%–90% of each burst): ").append(saturation.stream()
                    .map(r -> String.format(Locale.ROOT, "%,.0f", r)).toList()).append(" events/s.\n\n");
            md.append("| round | drain s | dependents invalidated/s | direct edits | idle p50 / p99 ms "
                    + "| during fan-out p50 / p99 ms | p99 ratio |\n|---|---|---|---|---|---|---|\n");
            for (Round r : rounds) {
                md.append(String.format(Locale.ROOT, "| %s | %.1f | %,.0f | %d | %.0f / %.0f | %.0f / %.0f | "
                        + "%.2fx |%n", r.round() == 0 ? "warm-up" : r.round(), r.drainSeconds(),
                        plan.invalidated() / r.drainSeconds(), r.probed(), r.idle().p50(), r.idle().p99(),
                        r.draining().p50(), r.draining().p99(), r.draining().p99() / Math.max(1, r.idle().p99())));
            }
            md.append("\nLoad average before ").append(loadBefore).append(", after ")
                    .append(E2eScenario.loadAverage()).append(".\n");
            return md.toString();
        }

        @Override
        public void close() throws Exception {
            try (ProcessUp stop = up; FanoutRig close = rig) {
                // the rig's clients first, then the stack
            }
            // the stack's logs and the propagator's state (an index of every dependent) go with it
            try (Stream<Path> files = Files.walk(home)) {
                files.sorted(Comparator.reverseOrder()).forEach(file -> file.toFile().delete());
            }
        }
    }

    private static void pause(Duration duration) {
        long until = System.nanoTime() + duration.toNanos();
        while (System.nanoTime() < until) {
            LockSupport.parkNanos(until - System.nanoTime());
        }
    }
}
