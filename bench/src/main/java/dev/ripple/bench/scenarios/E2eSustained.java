package dev.ripple.bench.scenarios;

import dev.ripple.bench.BenchContext;
import dev.ripple.bench.Correctness;
import dev.ripple.bench.CpuMeter;
import dev.ripple.bench.Measurement;
import dev.ripple.bench.Progress;
import dev.ripple.bench.Scenario;
import dev.ripple.bench.Sustained;
import dev.ripple.cli.up.RippleUp;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * {@code e2e --sustained}: batches published open loop ({@link E2eBatches}) at a rate that steps up
 * ({@link Sustained}) until fewer than 99.99% of a step's events are applied and purged in every region within 1 s
 * of their {@code POST}; then the best passing rate is held, split into the bench's rounds, and the hold is the
 * figure. The warm-up round is the search: warm-up segments at the start rate ({@value #WARM_UPS} at most), then
 * the steps, one progress line each. Every event of every step and of the hold is checked (lost, reordered,
 * duplicated, per region).
 */
final class E2eSustained implements Scenario.Session {
    static final String HOLD = "intake → applied and purged in 3 regions, held at the best passing rate";
    /**
     * Warm-up segments at the start rate, each a step long, until one passes: a fresh JVM compiles for its first
     * minute, and its first seconds' backlog failed the first step at a rate its holds then passed (load 20).
     */
    static final int WARM_UPS = 3;
    /**
     * How long Ripple's idle CPU is measured, after the hold (the JIT compiler, still busy after the warm-up, had
     * doubled it), to tell its fixed cost from its cost per event.
     */
    static final Duration IDLE = Duration.ofSeconds(5);
    private final RippleUp up;
    private final E2eTracker tracker;
    private final E2eBatches batches;
    private final Sustained plan;
    private final String loadBefore = E2eScenario.loadAverage();
    private final List<Segment> steps = new ArrayList<>();
    private final List<Segment> holds = new ArrayList<>();
    private final E2eStages holdStages = new E2eStages();
    private final E2eStages failedStepStages = new E2eStages();
    private int held;

    E2eSustained(BenchContext context, RippleUp up, String intake, E2eTracker tracker) {
        this.up = up;
        this.tracker = tracker;
        this.plan = context.sustained();
        this.batches = new E2eBatches(intake, plan.batch(), plan.connections());
    }

    /**
     * A paced run of events: a step, a round of the hold or the warm-up.
     *
     * @param rate events/s it was published at
     * @param within events done within 1 s of their {@code POST}
     * @param answered the intake's answers: from the time a batch was due until its POST was answered
     * @param load the load average (1, 5, 15 min) when it ended
     * @param started when it started, to the second (to find it in a profile)
     */
    record Segment(int rate, Measurement measurement, long within, Measurement.Latency answered, String load,
            Instant started) {
        boolean passed() {
            return measurement.correctness().ok() && Sustained.passes(measurement.events(), within);
        }

        /** Ripple's CPU ms per event above what it spends idle ({@code idle} CPU seconds per second). */
        double aboveIdle(double idle) {
            return (measurement.cpu().ripple() - idle * measurement.elapsed().toNanos() / 1e9) * 1000
                    / Math.max(1, measurement.events());
        }

        String line(String label) {
            Correctness c = measurement.correctness();
            Measurement.Latency l = measurement.latency();
            return String.format("  %-10s %,7d events/s  %,8d events  %7.3f%% within 1 s  p99 %,8.1f ms (POST "
                    + "answered %,.1f ms)  CPU %.3f ms/event  lost %d  reordered %d  duplicates %d  load %s  %s  "
                    + "from %s", label, rate, measurement.events(), 100.0 * within / Math.max(1, measurement.events()),
                    l.p99(), answered.p99(), measurement.cpu().ripple() * 1000 / Math.max(1, measurement.events()),
                    c.lost(), c.reordered(), c.duplicates(), load, passed() ? "pass" : "FAIL", started);
        }
    }

    @Override
    public List<String> variants() {
        return List.of(HOLD);
    }

    @Override
    public int events(String variant, int events) {
        return Sustained.events(held > 0 ? held : plan.startRate(), held > 0 ? plan.hold() : plan.step());
    }

    /** The parts' scenarios: one intake and one propagation per event, an apply and a purge per region. */
    @Override
    public List<Scenario.Part> parts() {
        int regions = tracker.regions().size();
        return List.of(new Scenario.Part("intake", IntakeScenario.HTTP, 1),
                new Scenario.Part("propagate", PropagateScenario.PROPAGATOR, 1),
                new Scenario.Part("replica-store", ReplicaStoreScenario.APPLIER, regions),
                new Scenario.Part("purge-redis", PurgeRedisScenario.PURGER, regions));
    }

    @Override
    public Measurement run(String variant, int round, Progress progress) throws Exception {
        if (round > 0) {
            Segment hold = publish("h" + round, held, plan.hold(), progress, holdStages);
            holds.add(hold);
            progress.line(hold.line("hold " + round));
            return hold.measurement();
        }
        List<Measurement> all = new ArrayList<>();
        for (int n = 1; n <= WARM_UPS; n++) {
            Segment warm = publish("w" + n, plan.startRate(), plan.step(), progress, null);
            progress.line(warm.line("warm-up " + n));
            all.add(warm.measurement());
            if (warm.passed()) {
                break;
            }
        }
        for (int n = 0; n < plan.steps(); n++) {
            Segment step = publish("s" + n, plan.rate(n), plan.step(), progress, failedStepStages);
            steps.add(step);
            all.add(step.measurement());
            progress.line(step.line("step " + (n + 1)));
            if (!step.passed()) {
                break;
            }
            failedStepStages.clear(); // keeps the stages of the step that failed, if one did
            held = step.rate();
        }
        if (held == 0) {
            held = plan.startRate();
            progress.line("  no step passed: holding the start rate, " + held + " events/s (lower --rate)");
        } else {
            progress.line(String.format("  holding %,d events/s for %.1f s per round", held,
                    plan.hold().toMillis() / 1e3));
        }
        return sum(all);
    }

    /** Ripple's CPU seconds per second with no events, measured over {@link #IDLE}. */
    private static double idleCpu() {
        CpuMeter cpu = CpuMeter.start();
        long start = System.nanoTime();
        for (long left = IDLE.toNanos(); left > 0; left = start + IDLE.toNanos() - System.nanoTime()) {
            LockSupport.parkNanos(left);
        }
        return cpu.stop().ripple() / ((System.nanoTime() - start) / 1e9);
    }

    /** Publishes {@code length} of events at {@code rate} and waits for them; adds their stages to {@code stages}. */
    private Segment publish(String tag, int rate, Duration length, Progress progress, E2eStages stages)
            throws InterruptedException {
        E2eRound events = tracker.begin("enwiki:E2eS_" + tag + "_", Sustained.events(rate, length), batches.keys());
        events.onDone(i -> progress.advance(1));
        Instant started = Instant.now().truncatedTo(ChronoUnit.SECONDS);
        CpuMeter cpu = CpuMeter.start();
        long start = System.nanoTime();
        batches.send(events, rate);
        events.await(System.nanoTime() + TimeUnit.SECONDS.toNanos(E2eScenario.LOSS_DEADLINE_SECONDS));
        Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
        CpuMeter.Split split = cpu.stop();
        if (stages != null) {
            events.addStages(stages);
        }
        double[] ms = events.latencies();
        long within = Arrays.stream(ms).filter(m -> m <= Sustained.DEADLINE.toMillis()).count();
        return new Segment(rate, new Measurement(events.events(), elapsed, split, Measurement.Latency.of(ms),
                events.correctness()), within, Measurement.Latency.of(events.answerLatencies()),
                E2eScenario.loadAverage(), started);
    }

    /** The steps together, for the search's correctness: a loss or reordering in any step fails the run. */
    private static Measurement sum(List<Measurement> all) {
        long events = 0;
        long delivered = 0;
        long reordered = 0;
        long duplicates = 0;
        Duration elapsed = Duration.ZERO;
        double ripple = 0;
        double broker = 0;
        for (Measurement m : all) {
            events += m.events();
            delivered += m.correctness().delivered();
            reordered += m.correctness().reordered();
            duplicates += m.correctness().duplicates();
            elapsed = elapsed.plus(m.elapsed());
            ripple += m.cpu().ripple();
            broker += m.cpu().broker();
        }
        return new Measurement(events, elapsed, new CpuMeter.Split(ripple, broker), null,
                new Correctness(events, delivered, reordered, duplicates));
    }

    @Override
    public String notes() {
        double idle = idleCpu();
        StringBuilder md = new StringBuilder();
        md.append(String.format("**Sustained** (batches of %d events per POST from %d publishers that own their "
                + "keys, open loop; steps of %d s from %,d events/s ×%.2f, at most %d; a step passes when ≥ 99.99%% "
                + "of its events are applied and purged in all %d regions within 1 s of their POST, counted from the "
                + "time the batch was due):%n%n", plan.batch(), plan.connections(), plan.step().toSeconds(),
                plan.startRate(), plan.factor(), plan.steps(), tracker.regions().size()));
        md.append("| step | events/s | events | within 1 s | p50 ms | p99 ms | p99.9 ms | POST answered p99 ms "
                + "| Ripple CPU ms/event | above idle | lost | reordered | duplicates | load average | verdict |\n"
                + "|---|---|---|---|---|---|---|---|---|---|---|---|---|---|---|\n");
        for (int i = 0; i < steps.size(); i++) {
            md.append(row(String.valueOf(i + 1), steps.get(i), idle));
        }
        for (int i = 0; i < holds.size(); i++) {
            md.append(row("hold " + (i + 1), holds.get(i), idle));
        }
        long events = holds.stream().mapToLong(s -> s.measurement().events()).sum();
        long within = holds.stream().mapToLong(Segment::within).sum();
        boolean correct = holds.stream().allMatch(s -> s.measurement().correctness().ok());
        boolean passed = correct && Sustained.passes(events, within);
        md.append(String.format("%n**Held**: %,d events/s for %.1f s (%d rounds of %.1f s): %.3f%% of %,d events "
                + "within 1 s, %s. Goal (issue 23): ≥ 10,000 events/s held — %s.%n%n", held,
                holds.size() * plan.hold().toMillis() / 1e3, holds.size(), plan.hold().toMillis() / 1e3,
                100.0 * within / Math.max(1, events), events, passed ? "passed" : "**failed**",
                passed && held >= 10_000 ? "met" : "**missed**"));
        md.append("**Latency by stage** of the hold (every done event; medians over events):\n\n")
                .append(holdStages.markdown()).append('\n');
        if (!failedStepStages.isEmpty()) {
            md.append("**Latency by stage** of the step that failed:\n\n").append(failedStepStages.markdown())
                    .append('\n');
        }
        md.append(String.format("**Idle**: Ripple's CPU with no events, measured for %d s after the hold: %.3f s per "
                + "second (%.1f%% of a core); 'above idle' is a segment's CPU less that over its length, per event.%n%n",
                IDLE.toSeconds(), idle, 100 * idle));
        md.append(String.format("**Load average** (1, 5, 15 min): %s before the warm-up, %s after the hold.%n",
                loadBefore, E2eScenario.loadAverage()));
        return md.toString();
    }

    private static String row(String label, Segment s, double idle) {
        Measurement m = s.measurement();
        Measurement.Latency l = m.latency();
        Correctness c = m.correctness();
        return String.format("| %s | %,d | %,d | %.3f%% | %.1f | %.1f | %.1f | %.1f | %.3f | %.3f | %d | %d | %d | %s "
                + "| %s |%n", label, s.rate(), m.events(), 100.0 * s.within() / Math.max(1, m.events()), l.p50(), l.p99(), l.p999(),
                s.answered().p99(), m.cpu().ripple() * 1000 / Math.max(1, m.events()), s.aboveIdle(idle), c.lost(),
                c.reordered(),
                c.duplicates(), s.load(), s.passed() ? "pass" : "fail");
    }

    @Override
    public void close() throws Exception {
        try (RippleUp stop = up; E2eBatches load = batches) {
            tracker.close();
        }
    }
}
