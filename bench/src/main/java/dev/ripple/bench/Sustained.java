package dev.ripple.bench;

import java.time.Duration;

/**
 * How {@code e2e --sustained} publishes and steps its rate: batches of {@code batch} events per {@code POST} from
 * {@code connections} publishers (each owns its keys), open loop at a rate that starts at {@code startRate} and is
 * multiplied by {@code factor} every {@code step} for at most {@code steps} steps, until a step fails {@link #passes};
 * the best passing rate is then held for {@code hold}, split into the bench's rounds.
 *
 * @param startRate events/s of the first step
 * @param factor rate of a step over the one before, above 1
 * @param step how long each step publishes
 * @param steps the most steps
 * @param hold how long the best passing rate is held in all
 * @param batch events per {@code POST}
 * @param connections publishers, each on its own connection, one batch in flight each
 */
public record Sustained(int startRate, double factor, Duration step, int steps, Duration hold, int batch,
        int connections) {
    /** The share of a step's events that must be done within {@link #DEADLINE}: 99.99%, as 9,999 in 10,000. */
    public static final long REQUIRED_PER_10K = 9_999;
    /** An event passes when applied and purged in every region within this time of its {@code POST}. */
    public static final Duration DEADLINE = Duration.ofSeconds(1);

    public Sustained {
        positive("--rate", startRate);
        positive("--steps", steps);
        positive("--batch", batch);
        positive("--connections", connections);
        if (!(factor > 1)) {
            throw new IllegalArgumentException("Invalid value " + factor + " for --step: must be above 1");
        }
        if (step.isNegative() || step.isZero() || hold.isNegative() || hold.isZero()) {
            throw new IllegalArgumentException("Invalid --step-s or --hold-s: each must be at least 1 s");
        }
    }

    /** Events/s of step {@code n} (0 for the first): the start rate times the factor {@code n} times, rounded. */
    public int rate(int n) {
        if (n < 0 || n >= steps) {
            throw new IllegalArgumentException("Step " + n + " is outside 0.." + (steps - 1));
        }
        return (int) Math.min(Integer.MAX_VALUE, Math.round(startRate * Math.pow(factor, n)));
    }

    /** Whether a step (or the hold) passes: at least 99.99% of its {@code events} were done within 1 s. */
    public static boolean passes(long events, long doneWithinDeadline) {
        return events > 0 && doneWithinDeadline * 10_000 >= events * REQUIRED_PER_10K;
    }

    /** Events a step publishes at {@code rate}: the rate times the step's length. */
    public static int events(int rate, Duration length) {
        return (int) Math.max(1, Math.min(Integer.MAX_VALUE, (long) rate * length.toMillis() / 1000));
    }

    private static void positive(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException("Invalid value " + value + " for " + option + ": must be at least 1");
        }
    }
}
