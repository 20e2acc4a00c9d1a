package dev.ripple.monitor.lag;

import java.util.Objects;

/**
 * The offsets of a Ripple topic the monitor watches besides consumer groups: a source stream (how many records
 * it has taken) or a dead-letter queue (how many records wait in it).
 *
 * @param topic the topic
 * @param kind which kind of topic
 * @param name the stream name, or the DLQ's consumer name
 * @param start summed log start offsets
 * @param end summed last stable offsets
 * @param records for a stream, {@code end - start}; for a DLQ, the records waiting (counted: not replayed, and
 *     neither transaction markers nor aborted records)
 */
public record TopicOffsets(String topic, Kind kind, String name, long start, long end, long records) {
    /** What a watched topic holds. */
    public enum Kind { STREAM, DLQ }

    public TopicOffsets {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (end < start) {
            throw new IllegalArgumentException("end " + end + " is before start " + start + " on " + topic);
        }
        if (records < 0) {
            throw new IllegalArgumentException("records " + records + " is negative on " + topic);
        }
    }
}
