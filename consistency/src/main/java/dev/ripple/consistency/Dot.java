package dev.ripple.consistency;

import java.util.Objects;

/**
 * The version of a write: its source partition and offset (DESIGN.md section 5). A key lives in one
 * partition, so the dots of one key's writes are totally ordered by offset.
 *
 * <p>The text form is {@code <topic>:<partition>@<offset>}, e.g. {@code edits:3@41}.
 *
 * @param partition the source partition; not null
 * @param offset the source offset; at least 0
 */
public record Dot(TopicPartitionKey partition, long offset) implements Comparable<Dot> {

    /** @throws IllegalArgumentException if the offset is negative */
    public Dot {
        Objects.requireNonNull(partition, "partition");
        if (offset < 0) {
            throw new IllegalArgumentException("Invalid offset " + offset + " for " + partition + ": must be at least 0");
        }
    }

    /** Shorthand: {@code Dot.of("edits", 3, 41)}. */
    public static Dot of(String topic, int partition, long offset) {
        return new Dot(new TopicPartitionKey(topic, partition), offset);
    }

    /**
     * Parses the text form {@code <topic>:<partition>@<offset>}.
     *
     * @throws IllegalArgumentException if {@code text} is not of that form
     */
    public static Dot parse(String text) {
        Objects.requireNonNull(text, "text");
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            throw new IllegalArgumentException("Invalid dot '" + text + "': expected <topic>:<partition>@<offset>, e.g. edits:3@41");
        }
        long offset;
        try {
            offset = Long.parseLong(text.substring(at + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid offset in dot '" + text + "': not a number");
        }
        return new Dot(TopicPartitionKey.parse(text.substring(0, at)), offset);
    }

    /** @return true if this dot is in the same partition as {@code other} and at a higher offset */
    public boolean isNewerThan(Dot other) {
        return partition.equals(other.partition) && offset > other.offset;
    }

    /** Orders by partition, then offset. */
    @Override
    public int compareTo(Dot other) {
        int byPartition = partition.compareTo(other.partition);
        return byPartition != 0 ? byPartition : Long.compare(offset, other.offset);
    }

    /** @return the text form, {@code <topic>:<partition>@<offset>} */
    @Override
    public String toString() {
        return partition + "@" + offset;
    }
}
