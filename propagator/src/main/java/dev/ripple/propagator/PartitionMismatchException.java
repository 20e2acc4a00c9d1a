package dev.ripple.propagator;

/**
 * A topic the propagator reads or writes exists with a partition count other than the cluster's. Region topics
 * must be co-partitioned with the source streams (DESIGN.md 4), so the propagator refuses to start.
 */
public final class PartitionMismatchException extends PropagatorException {
    private final String topic;
    private final int expected;
    private final int actual;

    public PartitionMismatchException(String topic, int expected, int actual, String whatToDo) {
        super("Topic " + topic + " has " + actual + " partitions, but the cluster's partition count is " + expected
                + " (every source stream and region topic must have the same count, so that region partition p "
                + "holds only records of source partition p). " + whatToDo);
        this.topic = topic;
        this.expected = expected;
        this.actual = actual;
    }

    public String topic() {
        return topic;
    }

    public int expected() {
        return expected;
    }

    public int actual() {
        return actual;
    }
}
