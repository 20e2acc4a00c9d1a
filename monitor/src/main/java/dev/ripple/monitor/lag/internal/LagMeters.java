package dev.ripple.monitor.lag.internal;

import static dev.ripple.monitor.MonitorMetricNames.*;

import dev.ripple.monitor.lag.GroupLag;
import dev.ripple.monitor.lag.LagSnapshot;
import dev.ripple.monitor.lag.LagStatus;
import dev.ripple.monitor.lag.PartitionLag;
import dev.ripple.monitor.lag.TopicOffsets;
import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.MultiGauge;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.HashMap;
import java.util.Map;

/**
 * The monitor's gauges: rows are replaced after every sample, so a group or partition that disappears stops
 * being exported. Until bound, {@link #update} does nothing.
 */
final class LagMeters implements MeterBinder {
    private volatile Bound bound;

    private record Bound(GaugeRows lag, GaugeRows timeLag, GaugeRows groupLag, GaugeRows groupTimeLag,
            GaugeRows groupStatus, GaugeRows groupMembers, GaugeRows streamEnd, GaugeRows dlqDepth, Counter ok,
            Counter failed) {}

    @Override
    public void bindTo(MeterRegistry registry) {
        bound = new Bound(
                new GaugeRows(MultiGauge.builder(CONSUMER_LAG).baseUnit("records")
                        .description("Records a Ripple consumer group has not consumed").register(registry)),
                new GaugeRows(MultiGauge.builder(CONSUMER_TIME_LAG).baseUnit("seconds")
                        .description("Now minus the timestamp of the first unconsumed record; 0 when caught up")
                        .register(registry)),
                new GaugeRows(MultiGauge.builder(GROUP_LAG).baseUnit("records")
                        .description("Records a Ripple consumer group has not consumed, all partitions")
                        .register(registry)),
                new GaugeRows(MultiGauge.builder(GROUP_TIME_LAG).baseUnit("seconds")
                        .description("Largest partition time lag of a Ripple consumer group").register(registry)),
                new GaugeRows(MultiGauge.builder(GROUP_STATUS)
                        .description("1 for the group's current Burrow-style status, 0 for the others")
                        .register(registry)),
                new GaugeRows(MultiGauge.builder(GROUP_MEMBERS)
                        .description("Live members of a Ripple consumer group, as Kafka lists them")
                        .register(registry)),
                new GaugeRows(MultiGauge.builder(STREAM_END_OFFSET).baseUnit("records")
                        .description("Summed log end offsets of a source stream").register(registry)),
                new GaugeRows(MultiGauge.builder(DLQ_DEPTH).baseUnit("records")
                        .description("Records waiting in a dead-letter queue").register(registry)),
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
        Map<Tags, Double> lag = new HashMap<>();
        Map<Tags, Double> timeLag = new HashMap<>();
        Map<Tags, Double> groupLag = new HashMap<>();
        Map<Tags, Double> groupTimeLag = new HashMap<>();
        Map<Tags, Double> status = new HashMap<>();
        Map<Tags, Double> members = new HashMap<>();
        for (GroupLag group : snapshot.groups()) {
            Tags tags = Tags.of(TAG_GROUP, group.group().id(), TAG_COMPONENT, group.group().component(),
                    TAG_REGION, group.group().region() == null ? "none" : group.group().region());
            groupLag.put(tags, (double) group.lag());
            groupTimeLag.put(tags, group.timeLagMs() / 1000.0);
            members.put(tags, (double) group.members());
            for (LagStatus s : LagStatus.values()) {
                status.put(tags.and(TAG_STATUS, s.name()), s == group.status() ? 1.0 : 0.0);
            }
            for (PartitionLag p : group.partitions()) {
                Tags partition = tags.and(TAG_TOPIC, p.topic(), TAG_PARTITION, Integer.toString(p.partition()));
                lag.put(partition, (double) p.lag());
                timeLag.put(partition, p.timeLagMs() / 1000.0);
            }
        }
        b.lag().set(lag);
        b.timeLag().set(timeLag);
        b.groupLag().set(groupLag);
        b.groupTimeLag().set(groupTimeLag);
        b.groupStatus().set(status);
        b.groupMembers().set(members);
        Map<Tags, Double> streamEnd = new HashMap<>();
        snapshot.topics(TopicOffsets.Kind.STREAM).forEach(t -> streamEnd.put(Tags.of(TAG_STREAM, t.name()),
                (double) t.end()));
        b.streamEnd().set(streamEnd);
        Map<Tags, Double> dlqDepth = new HashMap<>();
        snapshot.topics(TopicOffsets.Kind.DLQ).forEach(t -> dlqDepth.put(Tags.of(TAG_CONSUMER, t.name()),
                (double) t.records()));
        b.dlqDepth().set(dlqDepth);
    }
}
