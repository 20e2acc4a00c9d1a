package dev.ripple.monitor.lag.internal;

import dev.ripple.monitor.lag.LagMonitor;
import dev.ripple.monitor.lag.LagMonitorConfig;
import dev.ripple.monitor.lag.LagPoint;
import dev.ripple.monitor.lag.LagSnapshot;
import dev.ripple.runtime.lifecycle.Lifecycle;
import dev.ripple.runtime.lifecycle.State;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** The {@link LagMonitor} over Kafka: one daemon thread samples at a fixed delay. */
public final class KafkaLagMonitor implements LagMonitor {
    private static final Logger log = LoggerFactory.getLogger(KafkaLagMonitor.class);

    private final LagMonitorConfig config;
    private final Clock clock;
    private final KafkaOffsetReader reader;
    private final LagTracker tracker;
    private final LagMeters meters = new LagMeters();
    private final AtomicReference<LagSnapshot> latest = new AtomicReference<>(LagSnapshot.EMPTY);
    private final Lifecycle lifecycle = Lifecycle.running("the lag monitor");
    private final ScheduledExecutorService sampler;
    private volatile String lastError;

    private KafkaLagMonitor(LagMonitorConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.reader = new KafkaOffsetReader(config);
        this.tracker = new LagTracker(config.windowSize(), config.historySize());
        this.sampler = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, "ripple-lag-monitor");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts sampling now and then every {@code config.interval()}. */
    public static KafkaLagMonitor start(LagMonitorConfig config, Clock clock) {
        KafkaLagMonitor monitor = new KafkaLagMonitor(config, clock);
        monitor.sampler.scheduleWithFixedDelay(monitor::sample, 0, config.interval().toMillis(),
                TimeUnit.MILLISECONDS);
        log.info("Lag monitor sampling {} every {} (window {} samples, groups {})", config.bootstrapServers(),
                config.interval(), config.windowSize(), config.groupPrefixes());
        return monitor;
    }

    private void sample() {
        try {
            Reading reading = reader.read();
            LagSnapshot snapshot = tracker.record(reading, clock.instant());
            latest.set(snapshot);
            meters.update(snapshot);
            if (lastError != null) {
                log.info("Lag monitor reads Kafka again");
                lastError = null;
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            String why = "could not read offsets from Kafka at " + config.bootstrapServers() + ": "
                    + KafkaOffsetReader.rootMessage(e);
            if (!why.equals(lastError)) {
                log.warn("Lag monitor {}; retrying every {}", why, config.interval());
            }
            lastError = why;
            LagSnapshot failed = latest.updateAndGet(s -> s.failed(why));
            meters.update(failed);
        }
    }

    @Override
    public Duration interval() {
        return config.interval();
    }

    @Override
    public LagSnapshot snapshot() {
        return latest.get();
    }

    @Override
    public List<LagPoint> history(String groupId) {
        return tracker.history(groupId);
    }

    @Override
    public MeterBinder metrics() {
        return meters;
    }

    @Override
    public State state() {
        return lifecycle.state();
    }

    @Override
    public void close() {
        if (lifecycle.toIfLegal(State.STOPPING).isClosing()) {
            return;
        }
        sampler.shutdownNow();
        try {
            sampler.awaitTermination(15, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        reader.close();
        lifecycle.transition(State.STOPPING, State.STOPPED);
    }
}
