package dev.ripple.runtime.consume;

import java.time.Duration;
import java.util.Objects;

/**
 * How a {@link ConsumeLoop} runs.
 *
 * @param name names the loop in log lines (e.g. {@code "region codfw"})
 * @param topic the one topic the loop subscribes to
 * @param pollTimeout the longest a poll waits when no work has come back
 * @param commitInterval the least time between two asynchronous commits
 * @param revokeDrainTimeout how long a revoke waits for the work in flight of the revoked partitions (zero: it
 *     does not wait; what is not done is read again by the next owner)
 * @param closeDrainTimeout how long stopping waits for the work in flight before the last commit
 * @param mode how the loop takes its partitions
 */
public record LoopOptions(String name, String topic, Duration pollTimeout, Duration commitInterval,
        Duration revokeDrainTimeout, Duration closeDrainTimeout, Mode mode) {
    /** How a loop takes its partitions. */
    public enum Mode {
        /** Subscribes with the consumer's group: partitions come and go by rebalance; done records are committed. */
        GROUP,
        /**
         * Assigns itself every partition of the topic from its beginning, once the topic exists (looked for again
         * every poll timeout, at least 1 s apart); no group, nothing committed.
         */
        FOLLOW
    }

    public LoopOptions {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(mode, "mode");
        Objects.requireNonNull(topic, "topic");
        requireNotNegative(pollTimeout, "pollTimeout");
        requireNotNegative(commitInterval, "commitInterval");
        requireNotNegative(revokeDrainTimeout, "revokeDrainTimeout");
        requireNotNegative(closeDrainTimeout, "closeDrainTimeout");
    }

    /** Options of a {@link Mode#FOLLOW} loop: nothing to commit or drain. */
    public static LoopOptions follow(String name, String topic, Duration pollTimeout) {
        return new LoopOptions(name, topic, pollTimeout, Duration.ZERO, Duration.ZERO, Duration.ZERO, Mode.FOLLOW);
    }

    private static void requireNotNegative(Duration value, String field) {
        Objects.requireNonNull(value, field);
        if (value.isNegative()) {
            throw new IllegalArgumentException("Invalid value " + value + " for " + field + ": must not be negative");
        }
    }
}
