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
 * @param end summed log end offsets
 */
public record TopicOffsets(String topic, Kind kind, String name, long start, long end) {
    /** What a watched topic holds. */
    public enum Kind { STREAM, DLQ }

    public TopicOffsets {
        Objects.requireNonNull(topic, "topic");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(name, "name");
        if (end < start) {
            throw new IllegalArgumentException("end " + end + " is before start " + start + " on " + topic);
        }
    }

    /** Records on the topic now: {@code end - start}. */
    public long records() {
        return end - start;
    }
}
