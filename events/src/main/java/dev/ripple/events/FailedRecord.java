package dev.ripple.events;

import com.fasterxml.jackson.annotation.JsonIgnore;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Objects;

/**
 * A Kafka record as it was read, kept whole so it can be replayed byte for byte.
 *
 * @param topic where it was read
 * @param partition its partition
 * @param offset its offset; -1 for a record that never reached Kafka (refused at the intake)
 * @param key its key; may be null
 * @param value its value bytes (base64 in JSON); may be null
 */
public record FailedRecord(String topic, int partition, long offset, String key, byte[] value) {
    public FailedRecord {
        Objects.requireNonNull(topic, "topic");
        value = value == null ? null : value.clone();
    }

    @Override
    public byte[] value() {
        return value == null ? null : value.clone();
    }

    /** The value as UTF-8 text, for logs and the CLI. */
    @JsonIgnore
    public String valueText() {
        return value == null ? null : new String(value, StandardCharsets.UTF_8);
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof FailedRecord r && topic.equals(r.topic) && partition == r.partition
                && offset == r.offset && Objects.equals(key, r.key) && Arrays.equals(value, r.value);
    }

    @Override
    public int hashCode() {
        return Objects.hash(topic, partition, offset, key) * 31 + Arrays.hashCode(value);
    }

    @Override
    public String toString() {
        return "FailedRecord[" + topic + "-" + partition + "@" + offset + ", key=" + key + "]";
    }
}
