package dev.ripple.monitor.lag;

import java.util.Collection;

/**
 * The health of a consumer on one partition, or of a whole group (its worst partition), after Burrow's statuses.
 * Declared from least to most severe; {@link #worst(Collection)} picks by that order.
 */
public enum LagStatus {
    /** Caught up at least once within the window, or consuming and not falling behind. */
    OK,
    /** Consuming, but the lag grew between every two samples of a full window. */
    WARN,
    /**
     * The group is rebalancing while the partition has lag: partitions are being handed between members, and those
     * that move are not consumed until it settles. Normally a few seconds; longer means a member does not rejoin.
     */
    REBALANCING,
    /** The committed offset went backwards and the group has not caught up since. */
    REWIND,
    /** A live member owns the partition, yet its committed offset has not moved over a full window with lag. */
    STALL,
    /**
     * Nobody consumes the partition: the group has no member at all while the partition has lag (reported at the
     * first such sample), or no live member owns it and its committed offset has not moved over a full window with
     * lag.
     */
    STOP,
    /** The offsets could not be read, or records were deleted before the group read them. */
    ERR;

    /** The most severe of {@code statuses}; {@link #OK} for none. */
    public static LagStatus worst(Collection<LagStatus> statuses) {
        LagStatus worst = OK;
        for (LagStatus status : statuses) {
            if (status.ordinal() > worst.ordinal()) {
                worst = status;
            }
        }
        return worst;
    }
}
