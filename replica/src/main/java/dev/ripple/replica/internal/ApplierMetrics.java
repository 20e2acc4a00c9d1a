package dev.ripple.replica.internal;

import static dev.ripple.replica.ReplicaMetricNames.*;

import dev.ripple.runtime.http.BreakerState;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;

/** The meters of one applier (names in {@code ReplicaMetricNames}, tag {@code region}). */
final class ApplierMetrics extends MeterSet {
    private static final String HANDLED = "Region records handled";
    private static final String FAILED = "Failed batches";
    final LongAdder applied = counter(RECORDS, HANDLED, Tags.of(TAG_OUTCOME, "applied"));
    final LongAdder stale = counter(RECORDS, HANDLED, Tags.of(TAG_OUTCOME, "stale"));
    final LongAdder watermarks = counter(RECORDS, HANDLED, Tags.of(TAG_OUTCOME, "watermark"));
    final Timers batchDuration = timer(BATCH_DURATION, "Batch hand-off to durable (targets and store)");
    final Summaries batchSize = summary(BATCH_SIZE, "Records per batch");
    final LongAdder batchLimitHits = counter(BATCH_LIMIT_HITS, "Batches cut short by the record or byte limit",
            Tags.empty());
    final Timers endToEnd = timer(END_TO_END, "Source accepted to applied in this region");
    final LongAdder dependencyWaits = counter(DEPENDENCY_WAITS, "Records that waited for their dependencies",
            Tags.empty());
    final Timers dependencyWait = timer(DEPENDENCY_WAIT, "Dependency wait durations");
    final LongAdder dependencyWaitsExceeded = counter(DEPENDENCY_WAITS_EXCEEDED,
            "Dependency waits past the alert bound (the records kept waiting)", Tags.empty());
    final LongAdder bufferFull = counter(BUFFER_FULL, "Partitions paused because their buffer was full",
            Tags.empty());
    final LongAdder storeFailures = counter(FAILURES, FAILED, Tags.of(TAG_CAUSE, "store"));
    final LongAdder targetFailures = counter(FAILURES, FAILED, Tags.of(TAG_CAUSE, "target"));
    final LongAdder breakerOpen = counter(FAILURES, FAILED, Tags.of(TAG_CAUSE, "breaker-open"));
    final LongAdder positionsPublished = counter(POSITIONS_PUBLISHED, "Positions published to ripple.positions",
            Tags.empty());
    final LongAdder storeLosses = counter(STORE_LOSSES, "Partitions whose store was found to have lost its data",
            Tags.empty());
    final LongAdder rebuilt = counter(REBUILD_RECORDS, "Latest-state records applied by rebuilds", Tags.empty());
    final AtomicLong rebuilding = gauge(PARTITIONS_REBUILDING,
            "Partitions out of service: their store lost its data and they are being rebuilt", Tags.empty());
    final AtomicLong rebuildRemaining = gauge(REBUILD_REMAINING,
            "Latest-state records the running rebuild has still to read (estimate)", Tags.empty());
    final AtomicLong longestWaitMs = new AtomicLong();
    final AtomicLong paused = gauge(PAUSED_PARTITIONS, "Paused partitions", Tags.empty());
    final AtomicLong buffered = gauge(BUFFERED, "Records polled and not yet durable", Tags.empty());
    final AtomicLong stuck = gauge(STUCK_PARTITIONS, "Partitions stopped by an unreadable record",
            Tags.empty());

    ApplierMetrics(String region, List<HttpTarget> targets) {
        super(Tags.of(TAG_REGION, region));
        onBind(r -> Gauge.builder(DEPENDENCY_WAIT_LONGEST, longestWaitMs, ms -> ms.get() / 1000.0)
                .description("Longest dependency wait in progress").baseUnit("seconds").tags(common()).register(r));
        for (HttpTarget target : targets) {
            Tags tags = common().and(TAG_TARGET, target.base().toString());
            onBind(r -> FunctionCounter.builder(TARGET_CALLS, target, HttpTarget::succeeded)
                    .description("HTTP replica target calls").tags(tags.and(TAG_OUTCOME, "ok")).register(r));
            onBind(r -> FunctionCounter.builder(TARGET_CALLS, target, HttpTarget::failed)
                    .description("HTTP replica target calls").tags(tags.and(TAG_OUTCOME, "failed")).register(r));
            onBind(r -> Gauge.builder(TARGET_BREAKER, target, t -> breakerCode(t.breakerState()))
                    .description("Circuit breaker state: 0 closed, 1 open, 2 half-open, 3 other").tags(tags)
                    .register(r));
        }
    }

    void batchDone(Duration took, int records) {
        batchDuration.record(took);
        batchSize.record(records);
    }

    private static double breakerCode(BreakerState state) {
        return switch (state) {
            case CLOSED -> 0;
            case OPEN, FORCED_OPEN -> 1;
            case HALF_OPEN -> 2;
            default -> 3;
        };
    }
}
