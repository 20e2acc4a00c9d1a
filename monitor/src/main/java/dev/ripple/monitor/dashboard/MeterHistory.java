package dev.ripple.monitor.dashboard;

import dev.ripple.monitor.MonitorMetricNames;
import dev.ripple.monitor.dashboard.MeterSample.Series;
import dev.ripple.runtime.lifecycle.Lifecycle;
import dev.ripple.runtime.lifecycle.State;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A bounded ring of {@link MeterSample}s of the process's registry, taken every
 * {@link DashboardConfig#sampleInterval()} and kept for {@link DashboardConfig#retention()}: what the dashboard's
 * server-side rates and latency percentiles are computed from, so a reload of the page keeps its history.
 *
 * <pre>
 * start() ──▶ RUNNING ──close()──▶ STOPPING ──▶ STOPPED
 * </pre>
 *
 * <p>Thread-safe: sampling runs on one thread of its own; readers copy the samples they need.
 */
public final class MeterHistory implements AutoCloseable {
    /** Events the intake published. */
    static final String PUBLISHED = "published";
    /** Events the intake refused. */
    static final String REFUSED = "refused";
    /** Records the propagator wrote to a region's topics. */
    static final String PROPAGATED = "propagated";
    /** Records a region's applier applied; for latencies, source accepted to applied. */
    static final String APPLIED = "applied";
    /** Purges a region's purger finished; for latencies, source accepted to purged. */
    static final String PURGED = "purged";

    private static final Logger log = LoggerFactory.getLogger(MeterHistory.class);
    private static final List<Counted> COUNTERS = List.of(
            new Counted(PUBLISHED, DashboardSources.INTAKE_PUBLISHED),
            new Counted(REFUSED, DashboardSources.INTAKE_REFUSED),
            new Counted(PROPAGATED, DashboardSources.REGION_RECORDS),
            new Counted(APPLIED, DashboardSources.APPLIED, DashboardSources.APPLIED_OUTCOME),
            new Counted(PURGED, DashboardSources.PURGED, DashboardSources.PURGED_OUTCOME));
    private static final Map<String, String> TIMERS = Map.of(APPLIED, DashboardSources.APPLIED_END_TO_END,
            PURGED, DashboardSources.PURGED_END_TO_END);

    private final DashboardConfig config;
    private final MeterReadings meters;
    private final Clock clock;
    private final ArrayDeque<MeterSample> samples = new ArrayDeque<>();
    private final Lifecycle lifecycle = Lifecycle.running("the dashboard's history");
    private volatile ScheduledExecutorService sampler;

    MeterHistory(DashboardConfig config, MeterRegistry registry, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.meters = new MeterReadings(registry);
        this.clock = Objects.requireNonNull(clock, "clock");
        Gauge.builder(MonitorMetricNames.DASHBOARD_SAMPLES, this, MeterHistory::size)
                .description("Samples the dashboard's history holds for its rates and latency percentiles")
                .register(registry);
    }

    /** Samples {@code registry} now and then every {@link DashboardConfig#sampleInterval()}. */
    public static MeterHistory start(DashboardConfig config, MeterRegistry registry, Clock clock) {
        MeterHistory history = new MeterHistory(config, registry, clock);
        history.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ripple-dashboard-history");
            thread.setDaemon(true);
            return thread;
        });
        long every = config.sampleInterval().toMillis();
        history.sampler.scheduleAtFixedRate(history::sampleSafely, 0, every, TimeUnit.MILLISECONDS);
        log.info("Dashboard history: a sample every {}, {} kept", DashboardConfig.format(config.sampleInterval()),
                DashboardConfig.format(config.retention()));
        return history;
    }

    public DashboardConfig config() {
        return config;
    }

    /** Takes a sample now and drops those older than the retention needs. */
    void sample() {
        Map<Series, Double> counts = new HashMap<>();
        for (Counted c : COUNTERS) {
            meters.countsByRegion(c.meter(), c.tags()).forEach((region, n) -> counts.put(new Series(c.key(), region),
                    n));
        }
        Map<Series, Buckets> latencies = new HashMap<>();
        TIMERS.forEach((key, meter) -> meters.bucketsByRegion(meter).forEach((region, buckets) ->
                latencies.put(new Series(key, region), buckets)));
        synchronized (this) {
            MeterSample previous = samples.peekLast();
            if (previous != null) {
                // an idle timer's histogram is the same object as before: an idle hour costs no memory
                latencies.replaceAll((series, buckets) -> share(buckets, previous.latencies().get(series)));
            }
            samples.addLast(new MeterSample(clock.instant(), counts, latencies));
            while (samples.size() > config.capacity()) {
                samples.removeFirst();
            }
        }
    }

    /**
     * The samples that span {@code length} back from the latest one: the latest sample at or before its start (the
     * oldest kept when the history is shorter), and every later one.
     */
    HistoryWindow window(Duration length) {
        List<MeterSample> spanned = new ArrayList<>();
        synchronized (this) {
            MeterSample last = samples.peekLast();
            if (last != null) {
                Instant start = last.at().minus(length);
                for (MeterSample s : samples) {
                    if (!s.at().isAfter(start) && !spanned.isEmpty()) {
                        spanned.clear();
                    }
                    spanned.add(s);
                }
            }
        }
        return new HistoryWindow(length, config.sampleInterval(), spanned);
    }

    /** The time now, by the history's clock: the end of every window asked for now. */
    Instant now() {
        return clock.instant();
    }

    synchronized int size() {
        return samples.size();
    }

    public State state() {
        return lifecycle.state();
    }

    /** Stops sampling. Idempotent. */
    @Override
    public void close() {
        if (lifecycle.toIfLegal(State.STOPPING).isClosing()) {
            return;
        }
        if (sampler != null) {
            sampler.shutdownNow();
            try {
                sampler.awaitTermination(10, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        lifecycle.transition(State.STOPPING, State.STOPPED);
    }

    private void sampleSafely() {
        try {
            sample();
        } catch (RuntimeException e) {
            // a meter that fails to read costs one sample; the next one tries again
            log.warn("Dashboard history could not sample the meters; trying again in {}",
                    DashboardConfig.format(config.sampleInterval()), e);
        }
    }

    private static Buckets share(Buckets now, Buckets before) {
        if (now.sameAs(before)) {
            return before;
        }
        return before != null && Arrays.equals(now.boundsMs(), before.boundsMs())
                ? new Buckets(before.boundsMs(), now.cumulative(), now.total()) : now;
    }

    private record Counted(String key, String meter, Tag... tags) {}
}
