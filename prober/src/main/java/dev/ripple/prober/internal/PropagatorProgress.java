package dev.ripple.prober.internal;

import dev.ripple.consistency.Dot;
import java.time.Clock;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;

/**
 * How far the propagator has routed each source partition: its consumer group's committed offsets (under
 * exactly-once they move with each transaction, so a write below them is on the region and purge topics). Read at
 * most every {@link #REFRESH_MS}. Thread-safe.
 */
public final class PropagatorProgress {
    static final long REFRESH_MS = 250;

    private final Admin admin;
    private final String group;
    private final Clock clock;
    private Map<TopicPartition, OffsetAndMetadata> committed = Map.of();
    private boolean read;
    private long readAt;

    public PropagatorProgress(Admin admin, String group, Clock clock) {
        this.admin = admin;
        this.group = group;
        this.clock = clock;
    }

    /**
     * Has the propagator routed {@code dot}? True also when its progress cannot be read (the hop is then not
     * blamed on it).
     */
    boolean passed(Dot dot) {
        OffsetAndMetadata offset = committed().get(new TopicPartition(dot.partition().topic(),
                dot.partition().partition()));
        return offset == null || offset.offset() > dot.offset();
    }

    private synchronized Map<TopicPartition, OffsetAndMetadata> committed() {
        long now = clock.millis();
        if (!read || now - readAt >= REFRESH_MS) {
            read = true;
            readAt = now;
            try {
                Map<TopicPartition, OffsetAndMetadata> read = admin.listConsumerGroupOffsets(group)
                        .partitionsToOffsetAndMetadata().get(2, TimeUnit.SECONDS);
                committed = read == null ? Map.of() : read.entrySet().stream().filter(e -> e.getValue() != null)
                        .collect(Collectors.toUnmodifiableMap(Map.Entry::getKey, Map.Entry::getValue));
            } catch (ExecutionException | TimeoutException | RuntimeException e) {
                committed = Map.of(); // unknown: the propagator is not blamed
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }
        return committed;
    }
}
