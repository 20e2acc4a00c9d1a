package dev.ripple.runtime.kafka;

import java.util.Objects;

/**
 * A co-partitioned topic exists with another partition count than its {@link TopicSpec}: records of source
 * partition p would no longer land in partition p, so the part refuses to start. The message says what to do.
 */
public final class TopicMismatchException extends KafkaSetupException {
    private final TopicSpec spec;
    private final int actual;

    public TopicMismatchException(TopicSpec spec, int actual) {
        super("Topic " + spec.name() + " has " + actual + " partitions but must have " + spec.partitions()
                + " (the cluster's partition count, to which every stream and region topic is co-partitioned). "
                + whatToDo(spec, actual));
        this.spec = Objects.requireNonNull(spec, "spec");
        this.actual = actual;
    }

    /** What the topic should have been. */
    public TopicSpec spec() {
        return spec;
    }

    /** Its partition count on the cluster. */
    public int actual() {
        return actual;
    }

    private static String whatToDo(TopicSpec spec, int actual) {
        if (spec.kind() == TopicSpec.Kind.STREAM) {
            return "If the cluster's count really is " + actual + ", start every part with --partitions " + actual
                    + ". Otherwise the stream was repartitioned, which is a new epoch (DESIGN.md 5).";
        }
        if (spec.kind() == TopicSpec.Kind.LATEST) {
            return "A latest-state topic holds partition p of its stream in partition p. If " + actual + " is the "
                    + "streams' count, start every part with --partitions " + actual + "; otherwise recreate it with "
                    + spec.partitions() + " partitions, knowing that it then holds only the keys written since, "
                    + "so rebuilds and replays miss the others (DESIGN.md 4).";
        }
        return "A region topic holds only what the propagator derives from the streams: delete it to have it "
                + "recreated with " + spec.partitions() + " partitions, or, if " + actual + " is the streams' "
                + "count, start every part with --partitions " + actual + ".";
    }
}
