package dev.ripple.prober.internal;

import dev.ripple.prober.ProbeReport;
import dev.ripple.prober.ProberMetricNames;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.math.BigDecimal;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.ToDoubleFunction;

/**
 * The prober's counts, as meters ({@link ProberMetricNames}) and as {@link ProbeReport} rows. A series exists from
 * the moment it is first counted or {@link #expect expected}, in every registry bound before or after. Thread-safe.
 */
public final class ProbeMeters implements MeterBinder {
    /** One (region, target, delay) series of judgements. */
    private record Series(String region, String target, int rung) {}

    private static final class Judgements {
        final LongAdder judged = new LongAdder();
        final LongAdder consistent = new LongAdder();
        final RatioWindow window;

        Judgements(Duration window) {
            this.window = new RatioWindow(window.toMillis());
        }
    }

    private static final Map<String, String> DESCRIPTIONS = Map.of(
            ProberMetricNames.SAMPLES, "Acknowledged writes sampled",
            ProberMetricNames.CHECKS, "Reads the prober sent to replicas and caches",
            ProberMetricNames.SKIPPED, "Samples left out (budget, busy, late, no-revision, pending-full, unreadable), "
                    + "or delays left unjudged (late-look, prober-error)",
            ProberMetricNames.INCONSISTENCIES, "Writes a target had not served at a delay the prober records");

    /** Why a sample or a delay is left out: the {@code reason} label of {@link ProberMetricNames#SKIPPED}. */
    public static final List<String> SKIP_REASONS = List.of("budget", "busy", "late", "late-look", "no-revision",
            "pending-full", "prober-error", "unreadable");

    private final List<Duration> ladder;
    private final Duration window;
    private final Clock clock;
    private final List<MeterRegistry> registries = new CopyOnWriteArrayList<>();
    private final Map<Series, Judgements> judgements = new ConcurrentHashMap<>();
    private final Map<List<String>, LongAdder> counts = new ConcurrentHashMap<>();
    private final ToDoubleFunction<ProbeMeters> pending;
    private final ToDoubleFunction<ProbeMeters> inFlight;

    /**
     * @param pending the looks scheduled or waiting their turn, for {@link ProberMetricNames#PENDING}
     * @param inFlight the looks under way, for {@link ProberMetricNames#IN_FLIGHT}
     */
    public ProbeMeters(List<Duration> ladder, Duration window, Clock clock, ToDoubleFunction<ProbeMeters> pending,
            ToDoubleFunction<ProbeMeters> inFlight) {
        this.ladder = List.copyOf(ladder);
        this.window = window;
        this.clock = clock;
        this.pending = pending;
        this.inFlight = inFlight;
        for (Check.Verdict verdict : Check.Verdict.values()) {
            adder(ProberMetricNames.CHECKS, "outcome", outcome(verdict));
        }
        SKIP_REASONS.forEach(reason -> adder(ProberMetricNames.SKIPPED, "reason", reason));
    }

    /** The {@code within} label of a delay: seconds as a plain number ({@code 0.1}, {@code 1}, {@code 60}). */
    public static String within(Duration delay) {
        return BigDecimal.valueOf(delay.toMillis()).movePointLeft(3).stripTrailingZeros().toPlainString();
    }

    /**
     * Makes the series of ({@code region}, {@code target}) exist before anything is counted: its judgements at every
     * delay, and its inconsistencies at each of {@code hops}, where it can stall ({@link Hop#OF_REPLICA},
     * {@link Hop#OF_CACHE}).
     */
    public void expect(String region, String target, List<String> hops) {
        for (int rung = 0; rung < ladder.size(); rung++) {
            series(new Series(region, target, rung));
        }
        hops.forEach(hop -> adder(ProberMetricNames.INCONSISTENCIES, ProberMetricNames.TAG_REGION, region,
                ProberMetricNames.TAG_TARGET, target, ProberMetricNames.TAG_HOP, hop));
    }

    /** Makes the sample count of {@code stream} exist before its first sample. */
    public void expectStream(String stream) {
        adder(ProberMetricNames.SAMPLES, "stream", stream);
    }

    /** Counts one judgement of a (write, target) pair at the ladder's {@code rung}. */
    void judge(String region, String target, int rung, boolean consistent) {
        Judgements j = series(new Series(region, target, rung));
        j.judged.increment();
        if (consistent) {
            j.consistent.increment();
        }
        j.window.add(consistent, clock.millis());
    }

    public void sampled(String stream) {
        count(ProberMetricNames.SAMPLES, "stream", stream);
    }

    void checked(Check.Verdict verdict) {
        count(ProberMetricNames.CHECKS, "outcome", outcome(verdict));
    }

    private static String outcome(Check.Verdict verdict) {
        return verdict.name().toLowerCase(Locale.ROOT);
    }

    /** Records a sample or a delay left out; {@code reason} is one of {@link #SKIP_REASONS}. */
    public void skipped(String reason) {
        count(ProberMetricNames.SKIPPED, "reason", reason);
    }

    void inconsistent(String region, String target, String hop) {
        count(ProberMetricNames.INCONSISTENCIES, ProberMetricNames.TAG_REGION, region, ProberMetricNames.TAG_TARGET,
                target, ProberMetricNames.TAG_HOP, hop);
    }

    /** The value of a counter other than the judgements, e.g. ({@code ripple.probe.skipped}, reason, budget). */
    public long count(List<String> nameAndTags) {
        LongAdder adder = counts.get(nameAndTags);
        return adder == null ? 0 : adder.sum();
    }

    /** Every series of judgements, for the report, by region, target and delay. */
    public List<ProbeReport.Row> rows() {
        long now = clock.millis();
        List<ProbeReport.Row> rows = new ArrayList<>();
        judgements.forEach((s, j) -> {
            long[] recent = j.window.counts(now);
            rows.add(new ProbeReport.Row(s.region(), s.target(), ladder.get(s.rung()).toMillis() / 1000.0,
                    j.judged.sum(), j.consistent.sum(), recent[0], recent[1]));
        });
        rows.sort(Comparator.comparing(ProbeReport.Row::region).thenComparing(ProbeReport.Row::target)
                .thenComparingDouble(ProbeReport.Row::withinSeconds));
        return rows;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        registries.add(registry);
        Gauge.builder(ProberMetricNames.PENDING, this, pending).description("Looks scheduled or waiting their turn")
                .register(registry);
        Gauge.builder(ProberMetricNames.IN_FLIGHT, this, inFlight).description("Looks under way (at most "
                + "--max-in-flight)").register(registry);
        judgements.forEach((s, j) -> register(registry, s, j));
        counts.forEach((key, adder) -> register(registry, key, adder));
    }

    private Judgements series(Series key) {
        return judgements.computeIfAbsent(key, k -> {
            Judgements j = new Judgements(window);
            registries.forEach(r -> register(r, k, j));
            return j;
        });
    }

    private void count(String name, String... tags) {
        adder(name, tags).increment();
    }

    private LongAdder adder(String name, String... tags) {
        List<String> key = new ArrayList<>(List.of(name));
        key.addAll(List.of(tags));
        return counts.computeIfAbsent(List.copyOf(key), k -> {
            LongAdder adder = new LongAdder();
            registries.forEach(r -> register(r, k, adder));
            return adder;
        });
    }

    private void register(MeterRegistry registry, Series s, Judgements j) {
        Tags tags = Tags.of(ProberMetricNames.TAG_REGION, s.region(), ProberMetricNames.TAG_TARGET, s.target(),
                ProberMetricNames.TAG_WITHIN, within(ladder.get(s.rung())));
        FunctionCounter.builder(ProberMetricNames.JUDGED, j.judged, LongAdder::sum).tags(tags)
                .description("Sampled writes judged for a target once a delay of the ladder had passed")
                .register(registry);
        FunctionCounter.builder(ProberMetricNames.CONSISTENT_WITHIN, j.consistent, LongAdder::sum).tags(tags)
                .description("Of the judged writes, those the target served within the delay").register(registry);
        Gauge.builder(ProberMetricNames.CONSISTENT_RATIO, j.window, w -> w.ratio(clock.millis())).tags(tags)
                .description("Consistent within the delay / judged, over the prober's window; NaN if none judged")
                .register(registry);
    }

    private static void register(MeterRegistry registry, List<String> key, LongAdder adder) {
        FunctionCounter.builder(key.get(0), adder, LongAdder::sum).tags(key.subList(1, key.size())
                .toArray(String[]::new)).description(DESCRIPTIONS.getOrDefault(key.get(0), "")).register(registry);
    }
}
