package dev.ripple.prober;

import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.ConfigView;
import dev.ripple.events.EditEvent;
import dev.ripple.prober.internal.KeySample;
import dev.ripple.prober.internal.Ladder;
import dev.ripple.prober.internal.ProbeMeters;
import dev.ripple.prober.internal.PropagatorProgress;
import dev.ripple.prober.internal.SampledWrite;
import dev.ripple.prober.internal.Target;
import dev.ripple.prober.internal.Targets;
import dev.ripple.prober.internal.WriteFollower;
import dev.ripple.runtime.RateLimit;
import dev.ripple.runtime.kafka.KafkaClients;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.admin.Admin;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Measures freshness as readers see it (DESIGN.md 15): follows the writes of a sample of keys as they are
 * acknowledged, looks at every region's read API and every purge target at each delay of the ladder, and counts
 * per region, target and delay how many writes were served within it. Reads only; its load is bounded by
 * {@link ProberConfig#maxChecksPerSecond()}, {@link ProberConfig#maxInFlight()} and {@link ProberConfig#maxPending()}:
 * a sample is taken whole (every delay of every target judged) or left out whole, and charged the looks it is
 * expected to cost (one for a replica, which is looked at until it serves the write; one a delay for a cache).
 *
 * <pre>
 * start() ──▶ running ──close()──▶ closed      (the follower failing leaves it not {@link #running()})
 * </pre>
 */
public final class Prober implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Prober.class);
    /** Threads that start the looks at their time (HTTP reads are asynchronous, Redis reads have their own). */
    static final int CHECK_THREADS = 2;
    /**
     * How long the follower lets writes gather between fetches while they flow: a fifth of the ladder's first delay
     * (20 ms of the default 100 ms), at most {@link #GATHER_MAX}. A sample read more than half that delay after its
     * first look was due is skipped as late.
     */
    private static final int GATHER_SHARE = 5;
    private static final Duration GATHER_MAX = Duration.ofMillis(100);

    private final ProberConfig config;
    private final ConfigView view;
    private final ProbeMeters meters;
    private final Targets targets;
    private final Admin admin;
    private final InconsistencyLog inconsistencies;
    private final ScheduledThreadPoolExecutor executor;
    private final Ladder ladder;
    private final RateLimit budget;
    private final WriteFollower follower;
    private final AutoCloseable configListener;
    private final AtomicInteger samples = new AtomicInteger();

    private Prober(ProberConfig config, ConfigView view, Clock clock) {
        this.config = config;
        this.view = view;
        this.executor = new ScheduledThreadPoolExecutor(CHECK_THREADS, r -> {
            Thread t = new Thread(r, "ripple-probe-check");
            t.setDaemon(true);
            return t;
        });
        this.executor.setRemoveOnCancelPolicy(true);
        this.meters = new ProbeMeters(config.ladder(), config.window(), clock, m -> ladder().pending(),
                m -> ladder().inFlight());
        this.targets = new Targets(config, clock);
        this.admin = KafkaClients.admin(config.kafka());
        this.inconsistencies = InconsistencyLog.open(config.kafka(), config.topics());
        this.ladder = new Ladder(config, executor, clock, meters,
                new PropagatorProgress(admin, config.propagatorGroup(), clock), inconsistencies::write);
        this.budget = RateLimit.budgetPerSecond("ripple-probe", config.maxChecksPerSecond());
        this.follower = new WriteFollower(config.kafka(), config.topics(), view, new KeySample(config.sampleRatio()),
                this::sampled, () -> meters.skipped("unreadable"), gatherWait(config),
                clock);
        expectKnown(view.snapshot());
        this.configListener = view.addListener((previous, current) -> expectKnown(current));
    }

    static Duration gatherWait(ProberConfig config) {
        Duration share = config.ladder().get(0).dividedBy(GATHER_SHARE);
        return share.compareTo(GATHER_MAX) < 0 ? share : GATHER_MAX;
    }

    /**
     * Creates {@code ripple.probe-inconsistencies} if it is missing and starts following the streams from their
     * current end.
     */
    public static Prober start(ProberConfig config, ConfigView view, Clock clock) {
        Prober prober = new Prober(config, view, clock);
        prober.follower.start();
        log.info("Prober running: {}% of keys, judged within {}", config.sampleRatio() * 100,
                config.ladder().stream().map(ProbeMeters::within).map(s -> s + " s").toList());
        return prober;
    }

    /** The prober's meters ({@link ProberMetricNames}). */
    public MeterBinder metrics() {
        return meters;
    }

    /** Whether it follows the streams; false once closed or if following failed ({@link #failure()}). */
    public boolean running() {
        return follower.running();
    }

    /** Why following the streams stopped, if it failed. */
    public Optional<Throwable> failure() {
        return follower.failure();
    }

    /** What it has judged so far. */
    public ProbeReport report() {
        Map<String, Long> skipped = new TreeMap<>();
        for (String reason : ProbeMeters.SKIP_REASONS) {
            skipped.put(reason, meters.count(List.of(ProberMetricNames.SKIPPED, "reason", reason)));
        }
        return new ProbeReport(config.sampleRatio(), config.ladder().stream().map(d -> d.toMillis() / 1000.0)
                .toList(), config.window().toSeconds(), samples.get(), ladder.pending(), skipped, meters.rows());
    }

    private Ladder ladder() {
        return ladder;
    }

    private void sampled(SampledWrite write, EditEvent event, ConfigSnapshot snapshot) {
        samples.incrementAndGet();
        meters.sampled(write.stream());
        Targets.Plan plan = targets.of(snapshot, write.stream(), event);
        if (plan.cachesSkipped()) {
            meters.skipped("no-revision");
        }
        List<Target> found = plan.targets();
        if (found.isEmpty()) {
            return;
        }
        if (ladder.missesFirstDelay(write)) {
            meters.skipped("late"); // the prober lags behind the stream: a look now would flatter the first delay
            return;
        }
        if (!ladder.admits()) {
            meters.skipped("busy"); // looks wait their turn: take no more until they have run
            return;
        }
        int looks = found.stream().mapToInt(target -> target.staysServed() ? 1 : config.ladder().size()).sum();
        if (ladder.pending() + looks > config.maxPending()) {
            meters.skipped("pending-full");
            return;
        }
        if (!budget.tryAcquire(looks)) {
            meters.skipped("budget");
            return;
        }
        found.forEach(target -> ladder.start(write, target));
    }

    private void expectKnown(ConfigSnapshot snapshot) {
        targets.known(snapshot).forEach(place -> meters.expect(place.region(), place.target(), place.hops()));
        snapshot.streams().keySet().forEach(meters::expectStream);
    }

    /** Stops following, drops the checks not run yet, closes its clients. Idempotent. */
    @Override
    public void close() {
        try {
            configListener.close();
        } catch (Exception e) {
            log.debug("Config listener did not close", e);
        }
        follower.close();
        executor.shutdownNow();
        try {
            executor.awaitTermination(5, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        inconsistencies.close();
        targets.close();
        admin.close(Duration.ofSeconds(5));
    }
}
