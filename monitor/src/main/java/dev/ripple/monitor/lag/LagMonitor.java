package dev.ripple.monitor.lag;

import dev.ripple.monitor.lag.internal.KafkaLagMonitor;
import dev.ripple.runtime.lifecycle.State;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * Samples every Ripple consumer group on a fixed interval: per partition the lag in records and in time (now
 * minus the timestamp of the first unconsumed record, read from Kafka; 0 when caught up, so idle topics read 0),
 * and a Burrow-style status ({@link LagRules}). Keeps a bounded history per group for charts.
 *
 * <pre>
 * start() ──▶ RUNNING ──close()──▶ STOPPING ──▶ STOPPED
 * </pre>
 *
 * <p>Thread-safe: sampling runs on one thread of its own; readers see the latest complete snapshot.
 */
public interface LagMonitor extends AutoCloseable {
    /** Creates the Kafka clients and starts sampling at once, then every {@link LagMonitorConfig#interval()}. */
    static LagMonitor start(LagMonitorConfig config, Clock clock) {
        return KafkaLagMonitor.start(config, clock);
    }

    /** Time between samples ({@link LagMonitorConfig#interval()}): a reader asking more often sees the same one. */
    Duration interval();

    /** The latest sample; {@link LagSnapshot#EMPTY} before the first one completes. */
    LagSnapshot snapshot();

    /** A group's recent points, oldest first; empty for a group never seen. */
    List<LagPoint> history(String groupId);

    /** Gauges of lag, time lag and status per group and partition, and DLQ depth; bind once. */
    MeterBinder metrics();

    State state();

    /** Stops sampling and closes the Kafka clients. Idempotent. */
    @Override
    void close();
}
