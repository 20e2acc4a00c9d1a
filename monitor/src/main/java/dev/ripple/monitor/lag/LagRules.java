package dev.ripple.monitor.lag;

import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * Burrow's consumer-lag evaluation, adapted to a monitor that samples every partition on a fixed interval
 * (instead of waiting for commits) and reads group membership. Over a window of the last {@code W} samples of
 * one partition, first match wins:
 *
 * <ol>
 *   <li><b>ERR</b> — the latest sample could not be read, or the committed offset is below the log start offset
 *       (retention deleted records before the group read them).</li>
 *   <li><b>STOP</b> — lag now, and the group has no member ({@link Membership#EMPTY}): at once, as nothing will
 *       consume it until a member joins. A killed member leaves the group when its session expires (6 s with
 *       Ripple's clients), so a dead group shows within that and one sample interval.</li>
 *   <li><b>REWIND</b> — the committed offset decreased between two samples, and lag has not been 0 since.</li>
 *   <li><b>REBALANCING</b> — lag now, and the group is rebalancing ({@link Membership#REBALANCING}): at once.</li>
 *   <li><b>OK</b> — lag was 0 in some sample of the window (caught up: idle topics are OK however long the
 *       consumer has been gone), or the window is not full yet.</li>
 *   <li><b>STOP</b> — lag in every sample, the committed offset unchanged over the window, and no live member
 *       owns the partition.</li>
 *   <li><b>STALL</b> — the same, but a live member owns the partition (alive, not progressing: paused, stuck).</li>
 *   <li><b>WARN</b> — the committed offset moved, but the lag never decreased between two consecutive samples.</li>
 *   <li><b>OK</b> — otherwise: consuming, and the lag is not growing monotonically.</li>
 * </ol>
 *
 * A group's status is its worst partition's ({@link LagStatus#worst}). The two rules on membership (STOP of an empty
 * group, REBALANCING) do not wait for a full window: membership says at once what lag would take a window to show,
 * and "caught up within the window" would hide a dead group that long. Pure and thread-safe.
 */
public final class LagRules {
    private LagRules() {}

    /**
     * One observation of one partition.
     *
     * @param at when it was taken
     * @param committed the group's committed offset
     * @param logStart the partition's first offset still on the log
     * @param lag records the group has not consumed (0 when caught up)
     * @param owned whether a live member of the group has the partition assigned
     * @param membership what the group's members were doing
     * @param error why the sample could not be taken, or null
     */
    public record Sample(Instant at, long committed, long logStart, long lag, boolean owned, Membership membership,
            String error) {
        public Sample {
            Objects.requireNonNull(at, "at");
            Objects.requireNonNull(membership, "membership");
            if (lag < 0) {
                throw new IllegalArgumentException("lag must be >= 0, was " + lag);
            }
        }
    }

    /** A status with the reason an operator reads. */
    public record Verdict(LagStatus status, String reason) {
        public Verdict {
            Objects.requireNonNull(status, "status");
            Objects.requireNonNull(reason, "reason");
        }
    }

    /**
     * Evaluates a partition.
     *
     * @param window samples, oldest first, at most {@code windowSize}; not empty
     * @param windowSize how many samples make a full window (at least 2)
     */
    public static Verdict evaluate(List<Sample> window, int windowSize) {
        if (window.isEmpty()) {
            throw new IllegalArgumentException("window must not be empty");
        }
        if (windowSize < 2) {
            throw new IllegalArgumentException("windowSize must be >= 2, was " + windowSize);
        }
        Sample first = window.get(0);
        Sample latest = window.get(window.size() - 1);
        if (latest.error() != null) {
            return new Verdict(LagStatus.ERR, latest.error());
        }
        if (latest.committed() < latest.logStart()) {
            return new Verdict(LagStatus.ERR, "committed offset " + latest.committed() + " is below the log start "
                    + latest.logStart() + ": records were deleted before this group read them");
        }
        if (latest.lag() > 0 && latest.membership() == Membership.EMPTY) {
            return new Verdict(LagStatus.STOP, "no live member: the group has none (the last one left or its session "
                    + "expired); committed offset " + latest.committed() + ", lag " + latest.lag());
        }
        Verdict rewind = rewind(window);
        if (rewind != null) {
            return rewind;
        }
        if (latest.lag() > 0 && latest.membership() == Membership.REBALANCING) {
            return new Verdict(LagStatus.REBALANCING, "the group is rebalancing: partitions move between members and "
                    + "are consumed once it settles; committed offset " + latest.committed() + ", lag "
                    + latest.lag());
        }
        if (window.stream().anyMatch(s -> s.lag() == 0)) {
            return new Verdict(LagStatus.OK, latest.lag() == 0 ? "caught up" : "caught up within the window; lag "
                    + latest.lag());
        }
        if (window.size() < windowSize) {
            return new Verdict(LagStatus.OK, "lag " + latest.lag() + "; watching (" + window.size() + " of "
                    + windowSize + " samples)");
        }
        String span = describe(Duration.between(first.at(), latest.at()));
        if (first.committed() == latest.committed()) {
            return latest.owned()
                    ? new Verdict(LagStatus.STALL, "a live member owns the partition but has not committed past "
                            + latest.committed() + " for " + span + "; lag " + latest.lag())
                    : new Verdict(LagStatus.STOP, "no live member owns the partition; committed offset "
                            + latest.committed() + " unchanged for " + span + "; lag " + latest.lag());
        }
        boolean growing = true;
        for (int i = 1; i < window.size(); i++) {
            growing &= window.get(i).lag() >= window.get(i - 1).lag();
        }
        if (growing) {
            return new Verdict(LagStatus.WARN, "consuming, but lag grew from " + first.lag() + " to " + latest.lag()
                    + " over " + span);
        }
        return new Verdict(LagStatus.OK, "consuming; lag " + latest.lag());
    }

    private static Verdict rewind(List<Sample> window) {
        for (int i = window.size() - 1; i > 0; i--) {
            Sample before = window.get(i - 1);
            Sample after = window.get(i);
            if (after.error() == null && before.error() == null && after.committed() < before.committed()) {
                boolean recovered = window.subList(i, window.size()).stream().anyMatch(s -> s.lag() == 0);
                return recovered ? null : new Verdict(LagStatus.REWIND, "committed offset went back from "
                        + before.committed() + " to " + after.committed() + "; lag "
                        + window.get(window.size() - 1).lag());
            }
        }
        return null;
    }

    private static String describe(Duration d) {
        long ms = d.toMillis();
        return ms < 10_000 ? String.format(Locale.ROOT, "%.1f s", ms / 1000.0) : (ms / 1000) + " s";
    }
}
