package dev.ripple.runtime.kafka;

import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * How one Ripple topic is created, and what an existing one must match. {@link RippleTopics} makes these.
 *
 * @param name the topic
 * @param kind which of DESIGN.md section 4's topics it is
 * @param partitions its partition count when created; a {@linkplain Kind#coPartitioned() co-partitioned} topic
 *     must have exactly this many; 1 to 10,000
 * @param replicationFactor replicas of each partition when created; -1 for the broker's default
 * @param configs topic configs when created ({@code cleanup.policy}, {@code retention.ms},
 *     {@code max.message.bytes}); existing topics keep theirs
 */
public record TopicSpec(String name, Kind kind, int partitions, short replicationFactor, Map<String, String> configs) {

    /** The kinds of Ripple topic. */
    public enum Kind {
        /** {@code ripple.stream.<stream>}: a source of truth. */
        STREAM,
        /** {@code ripple.latest.<stream>}: the latest state of each key of a stream, compacted, co-partitioned. */
        LATEST,
        /** {@code ripple.derived}: derived events of every stream, co-partitioned with the streams. */
        DERIVED,
        /** {@code ripple.deps}: dependency declarations and invalidation requests, co-partitioned. */
        DEPS,
        /** {@code ripple.replicate.<region>}: co-partitioned with the streams. */
        REPLICATE,
        /** {@code ripple.purge.<region>}: co-partitioned with the streams. */
        PURGE,
        /** {@code ripple.conit-log}: every accepted write that belongs to a conit. */
        CONIT_LOG,
        /** {@code ripple.positions}: applied positions of regions, compacted. */
        POSITIONS,
        /** {@code ripple.conit-status}: per-region status of conits, compacted. */
        CONIT_STATUS,
        /** {@code ripple.probe-inconsistencies}: writes the prober found not served in time, compacted. */
        PROBE_INCONSISTENCIES,
        /** {@code ripple.retry.<consumer>}: records a consumer will retry. */
        RETRY,
        /** {@code ripple.dlq.<consumer>}: records a consumer gave up on. */
        DLQ,
        /** {@code ripple.refused.<part>}: clients' requests a part refused (not a DLQ: no alert reads it). */
        REFUSED;

        /** Whether partition p must hold what source partition p holds, so the partition count must match. */
        public boolean coPartitioned() {
            return this == STREAM || this == LATEST || this == REPLICATE || this == PURGE || this == DERIVED
                    || this == DEPS;
        }
    }

    public TopicSpec {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(kind, "kind");
        if (partitions < 1 || partitions > 10_000) {
            throw new IllegalArgumentException("Invalid value " + partitions + " for the partitions of topic " + name
                    + ": must be 1 to 10000");
        }
        if (replicationFactor != -1 && replicationFactor < 1) {
            throw new IllegalArgumentException("Invalid value " + replicationFactor + " for the replication factor "
                    + "of topic " + name + ": must be -1 (broker default) or at least 1");
        }
        configs = Map.copyOf(Objects.requireNonNull(configs, "configs"));
    }

    /** Whether an existing topic must have exactly {@link #partitions()} partitions. */
    public boolean coPartitioned() {
        return kind.coPartitioned();
    }

    /** The replication factor to create with; empty for the broker's default. */
    public Optional<Short> replication() {
        return replicationFactor == -1 ? Optional.empty() : Optional.of(replicationFactor);
    }
}
