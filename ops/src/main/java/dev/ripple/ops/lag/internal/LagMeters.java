package dev.ripple.ops.lag.internal;

import static dev.ripple.ops.metrics.OpsMetricNames.*;

import dev.ripple.ops.lag.GroupLag;
import dev.ripple.ops.lag.LagSnapshot;
import dev.ripple.ops.lag.LagStatus;
import dev.ripple.ops.lag.PartitionLag;
import dev.ripple.ops.lag.TopicOffsets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.ArrayList;
import java.util.List;

/**
 * The monitor's gauges: rows are replaced after every sample, so a group or partition that disappears stops
 * being exported. Until bound, {@link #update} does nothing.
 */
final class LagMeters implements MeterBinder {
    private volatile Bound bound;

    private record Bound(MultiGauge lag, MultiGauge timeLag, MultiGauge groupLag, MultiGauge groupTimeLag,
            MultiGauge groupStatus, MultiGauge streamEnd, MultiGauge dlqDepth, Counter ok, Counter failed) {}

    @Override
    public void bindTo(MeterRegistry registry) {
        bound = new Bound(
                MultiGauge.builder(CONSUMER_LAG).baseUnit("records")
                        .description("Records a Ripple consumer group has not consumed").register(registry),
                MultiGauge.builder(CONSUMER_TIME_LAG).baseUnit("seconds")
                        .description("Now minus the timestamp of the first unconsumed record; 0 when caught up")
                        .register(registry),
                MultiGauge.builder(GROUP_LAG).baseUnit("records")
                        .description("Records a Ripple consumer group has not consumed, all partitions")
                        .register(registry),
                MultiGauge.builder(GROUP_TIME_LAG).baseUnit("seconds")
                        .description("Largest partition time lag of a Ripple consumer group").register(registry),
                MultiGauge.builder(GROUP_STATUS)
                        .description("1 for the group's current Burrow-style status, 0 for the others")
                        .register(registry),
                MultiGauge.builder(STREAM_END_OFFSET).baseUnit("records")
                        .description("Summed log end offsets of a source stream").register(registry),
                MultiGauge.builder(DLQ_DEPTH).baseUnit("records")
                        .description("Records waiting in a dead-letter queue").register(registry),
                Counter.builder(LAG_SAMPLES).tag(TAG_OUTCOME, "ok").description("Lag samples taken")
                        .register(registry),
                Counter.builder(LAG_SAMPLES).tag(TAG_OUTCOME, "failed").description("Lag samples taken")
                        .register(registry));
    }

    void update(LagSnapshot snapshot) {
        Bound b = bound;
        if (b == null) {
            return;
        }
        if (snapshot.error() != null) {
            b.failed().increment();
            return;
        }
        b.ok().increment();
        List<MultiGauge.Row<?>> lag = new ArrayList<>();
        List<MultiGauge.Row<?>> timeLag = new ArrayList<>();
        List<MultiGauge.Row<?>> groupLag = new ArrayList<>();
        List<MultiGauge.Row<?>> groupTimeLag = new ArrayList<>();
        List<MultiGauge.Row<?>> status = new ArrayList<>();
        for (GroupLag group : snapshot.groups()) {
            Tags tags = Tags.of(TAG_GROUP, group.group().id(), TAG_COMPONENT, group.group().component(),
                    TAG_REGION, group.group().region() == null ? "none" : group.group().region());
            groupLag.add(MultiGauge.Row.of(tags, group.lag()));
            groupTimeLag.add(MultiGauge.Row.of(tags, group.timeLagMs() / 1000.0));
            for (LagStatus s : LagStatus.values()) {
                status.add(MultiGauge.Row.of(tags.and(TAG_STATUS, s.name()), s == group.status() ? 1 : 0));
            }
            for (PartitionLag p : group.partitions()) {
                Tags partition = tags.and(TAG_TOPIC, p.topic(), TAG_PARTITION, Integer.toString(p.partition()));
                lag.add(MultiGauge.Row.of(partition, p.lag()));
                timeLag.add(MultiGauge.Row.of(partition, p.timeLagMs() / 1000.0));
            }
        }
        b.lag().register(lag, true);
        b.timeLag().register(timeLag, true);
        b.groupLag().register(groupLag, true);
        b.groupTimeLag().register(groupTimeLag, true);
        b.groupStatus().register(status, true);
        b.streamEnd().register(snapshot.topics(TopicOffsets.Kind.STREAM).stream()
                .<MultiGauge.Row<?>>map(t -> MultiGauge.Row.of(Tags.of(TAG_STREAM, t.name()), t.end())).toList(), true);
        b.dlqDepth().register(snapshot.topics(TopicOffsets.Kind.DLQ).stream()
                .<MultiGauge.Row<?>>map(t -> MultiGauge.Row.of(Tags.of(TAG_CONSUMER, t.name()), t.records()))
                .toList(), true);
    }
}
