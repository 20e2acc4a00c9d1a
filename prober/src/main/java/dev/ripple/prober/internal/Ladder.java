package dev.ripple.prober.internal;

import dev.ripple.prober.Inconsistency;
import dev.ripple.prober.ProberConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Walks one (write, target) pair up the ladder: looks at the target when the first delay has passed, and counts the
 * pair consistent or not within that delay by what it found. A target that {@linkplain Target#staysServed stays
 * served} (a replica) is then counted consistent within every later delay and the walk ends; one that does not (a
 * cache, where an older entry can be filled after the purge) is looked at again at every delay. A delay whose time had passed by
 * more than half of it before the look could be made is not judged (counted {@code late}): a late look would flatter;
 * nor is one whose look would exceed the looks allowed under way (counted {@code busy}).
 */
public final class Ladder {
    private final List<Duration> delays;
    private final Duration recordFrom;
    private final ScheduledExecutorService executor;
    private final Clock clock;
    private final ProbeMeters meters;
    private final PropagatorProgress progress;
    private final Consumer<Inconsistency> inconsistencies;
    private final AtomicInteger pending = new AtomicInteger();
    private final Semaphore inFlight;

    public Ladder(ProberConfig config, ScheduledExecutorService executor, Clock clock, ProbeMeters meters,
            PropagatorProgress progress, Consumer<Inconsistency> inconsistencies) {
        this.delays = config.ladder();
        this.recordFrom = config.recordFrom();
        this.executor = executor;
        this.clock = clock;
        this.meters = meters;
        this.progress = progress;
        this.inconsistencies = inconsistencies;
        this.inFlight = new Semaphore(config.maxInFlight());
    }

    /** Checks scheduled and not run yet. */
    public int pending() {
        return pending.get();
    }

    /** Starts the walk of ({@code write}, {@code target}). */
    public void start(SampledWrite write, Target target) {
        schedule(new Walk(write, target), 0);
    }

    private final class Walk {
        final SampledWrite write;
        final Target target;
        Inconsistency recorded;

        Walk(SampledWrite write, Target target) {
            this.write = write;
            this.target = target;
        }

        void look(int rung) {
            pending.decrementAndGet();
            if (!inFlight.tryAcquire()) {
                meters.skipped("busy"); // as many looks under way as allowed: this delay goes unjudged
                schedule(this, rung + 1);
                return;
            }
            target.check(write).whenComplete((check, error) -> {
                inFlight.release();
                judge(rung, error == null ? check : Check.failed(Hop.READ_API, "the look failed: "
                        + Check.causeOf(error)));
            });
        }

        private void judge(int rung, Check check) {
            meters.checked(check.verdict());
            Instant now = clock.instant();
            if (check.consistent()) {
                int judged = target.staysServed() ? delays.size() : rung + 1;
                for (int r = rung; r < judged; r++) {
                    meters.judge(target.region(), target.label(), r, true);
                }
                if (recorded != null) {
                    inconsistencies.accept(recorded.resolved(seconds(delays.get(rung)), now));
                    recorded = null;
                }
                if (!target.staysServed()) {
                    schedule(this, rung + 1); // a cache can take an older entry back: look again at each delay
                }
                return;
            }
            meters.judge(target.region(), target.label(), rung, false);
            if (delays.get(rung).compareTo(recordFrom) >= 0) {
                String hop = progress.passed(write.dot()) ? check.hop() : Hop.PROPAGATOR;
                if (recorded == null) {
                    meters.inconsistent(target.region(), target.label(), hop);
                }
                recorded = new Inconsistency(target.region(), target.label(), write.stream(), write.key(),
                        write.revision(), write.dot().toString(), hop, seconds(delays.get(rung)), check.observed(),
                        write.writtenAt(), now, null);
                inconsistencies.accept(recorded);
            }
            schedule(this, rung + 1);
        }
    }

    /** Schedules {@code walk}'s look at the first of {@code rung} and later whose time has not passed too long ago. */
    private void schedule(Walk walk, int rung) {
        long now = clock.millis();
        for (int r = rung; r < delays.size(); r++) {
            long due = walk.write.writtenAt().toEpochMilli() + delays.get(r).toMillis();
            if (now - due > delays.get(r).toMillis() / 2) {
                meters.skipped("late");
                continue;
            }
            int next = r;
            pending.incrementAndGet();
            try {
                executor.schedule(() -> walk.look(next), Math.max(0, due - now), TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                pending.decrementAndGet();
            }
            return;
        }
    }

    private static double seconds(Duration delay) {
        return delay.toMillis() / 1000.0;
    }
}
