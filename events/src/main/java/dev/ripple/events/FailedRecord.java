package dev.ripple.events;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;

/**
 * A Kafka record as it was read, kept whole so it can be replayed byte for byte, headers included.
 *
 * @param topic where it was read (for a record that never reached Kafka, the topic it was meant for)
 * @param partition its partition; -1 for a record that never reached Kafka
 * @param offset its offset; -1 for a record that never reached Kafka
 * @param key its key; may be null
 * @param value its value bytes; may be null
 * @param headers its headers in order (copied); empty for none
 */
public record FailedRecord(String topic, int partition, long offset, String key, byte[] value, List<Header> headers) {
    public FailedRecord {
        Objects.requireNonNull(topic, "topic");
        value = value == null ? null : value.clone();
        headers = headers == null ? List.of() : headers.stream().map(FailedRecord::copy).toList();
    }

    /** A record without headers. */
    public FailedRecord(String topic, int partition, long offset, String key, byte[] value) {
        this(topic, partition, offset, key, value, List.of());
    }

    @Override
    public byte[] value() {
        return value == null ? null : value.clone();
    }

    /** The value as UTF-8 text, for logs and the CLI. */
    public String valueText() {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    /** The same record without its value (a dead letter too large to hold it). */
    public FailedRecord withoutValue() {
        return new FailedRecord(topic, partition, offset, key, null, headers);
    }

    private static Header copy(Header h) {
        return new RecordHeader(h.key(), h.value() == null ? null : h.value().clone());
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FailedRecord r && topic.equals(r.topic) && partition == r.partition
                && offset == r.offset && Objects.equals(key, r.key) && Arrays.equals(value, r.value)
                && headers.equals(r.headers);
    }

    @Override
    public int hashCode() {
        return (Objects.hash(topic, partition, offset, key, headers)) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "FailedRecord[" + topic + "-" + partition + "@" + offset + ", key=" + key + "]";
    }
}
