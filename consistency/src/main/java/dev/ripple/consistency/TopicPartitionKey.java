package dev.ripple.consistency;

import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A source topic partition, the coordinate of a position vector. Deliberately not Kafka's
 * {@code TopicPartition}: this module carries no Kafka types. Ordered by topic, then partition.
 *
 * <p>The text form is {@code <topic>:<partition>}, e.g. {@code edits:3}; topic names follow Kafka's rule
 * ({@code [a-zA-Z0-9._-]}, 1 to 249 characters), so the form is unambiguous.
 *
 * @param topic the topic name; not null, legal Kafka topic name
 * @param partition the partition number; at least 0
 */
public record TopicPartitionKey(String topic, int partition) implements Comparable<TopicPartitionKey> {

    private static final Pattern LEGAL_TOPIC = Pattern.compile("[a-zA-Z0-9._-]{1,249}");

    /** @throws IllegalArgumentException if the topic name is illegal or the partition negative */
    public TopicPartitionKey {
        Objects.requireNonNull(topic, "topic");
        if (!LEGAL_TOPIC.matcher(topic).matches()) {
            throw new IllegalArgumentException("Invalid topic name '" + topic
                    + "': expected 1 to 249 characters of [a-zA-Z0-9._-]");
        }
        if (partition < 0) {
            throw new IllegalArgumentException("Invalid partition " + partition + " for topic " + topic
                    + ": must be at least 0");
        }
    }

    /** Shorthand for the constructor. */
    public static TopicPartitionKey of(String topic, int partition) {
        return new TopicPartitionKey(topic, partition);
    }

    /**
     * Parses the text form {@code <topic>:<partition>}.
     *
     * @throws IllegalArgumentException if {@code text} is not of that form
     */
    public static TopicPartitionKey parse(String text) {
        Objects.requireNonNull(text, "text");
        int colon = text.lastIndexOf(':');
        if (colon <= 0 || colon == text.length() - 1) {
            throw new IllegalArgumentException("Invalid topic partition '" + text
                    + "': expected <topic>:<partition>, e.g. edits:3");
        }
        int partition;
        try {
            partition = Integer.parseInt(text.substring(colon + 1));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid partition in '" + text + "': not a number");
        }
        return new TopicPartitionKey(text.substring(0, colon), partition);
    }

    @Override
    public int compareTo(TopicPartitionKey other) {
        int byTopic = topic.compareTo(other.topic);
        return byTopic != 0 ? byTopic : Integer.compare(partition, other.partition);
    }

    /** @return the text form, {@code <topic>:<partition>} */
    @Override
    public String toString() {
        return topic + ":" + partition;
    }
}
