package dev.ripple.prober.internal;

import dev.ripple.prober.Inconsistency;
import dev.ripple.prober.ProberConfig;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Walks one (write, target) pair up the ladder: looks at the target when the first delay has passed, and counts the
 * pair consistent or not within that delay by what it found. A target that {@linkplain Target#staysServed stays
 * served} (a replica) is then counted consistent within every later delay and the walk ends; one that does not (a
 * cache, where an older entry can be filled after the purge) is looked at again at every delay. At most
 * {@link ProberConfig#maxInFlight()} looks are under way; one beyond waits its turn, and the prober takes no new
 * sample while looks wait ({@link #admits()}), so that every delay of a sample it took is judged. A delay whose time
 * had passed by more than half of it before its look could start is not judged (counted {@code late-look}): a late look
 * would flatter; nor one the prober itself could not look at ({@code prober-error}, e.g. no file descriptor left).
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
    private final LookGate gate;

    public Ladder(ProberConfig config, ScheduledExecutorService executor, Clock clock, ProbeMeters meters,
            PropagatorProgress progress, Consumer<Inconsistency> inconsistencies) {
        this.delays = config.ladder();
        this.recordFrom = config.recordFrom();
        this.executor = executor;
        this.clock = clock;
        this.meters = meters;
        this.progress = progress;
        this.inconsistencies = inconsistencies;
        this.gate = new LookGate(config.maxInFlight(), executor);
    }

    /** Looks scheduled or waiting their turn, not started yet. */
    public int pending() {
        return pending.get();
    }

    /** Looks under way. */
    public int inFlight() {
        return gate.underWay();
    }

    /**
     * Whether {@code write} reached the prober too late for its first delay to be judged (the prober lagging behind
     * the stream): such a sample is left out whole, so every delay is judged over the same writes.
     */
    public boolean missesFirstDelay(SampledWrite write) {
        return late(write, 0, clock.millis());
    }

    /** Whether a new sample may be taken: no look waits its turn, and there is room for more under way. */
    public boolean admits() {
        return gate.hasRoom();
    }

    /** Starts the walk of ({@code write}, {@code target}). */
    public void start(SampledWrite write, Target target) {
        schedule(new Walk(write, target), 0);
    }

    private final class Walk {
        final SampledWrite write;
        final Target target;
        /** The inconsistency kept for each place, until a look finds the write served. */
        final Map<Place, Inconsistency> recorded = new LinkedHashMap<>();

        Walk(SampledWrite write, Target target) {
            this.write = write;
            this.target = target;
        }

        void look(int rung) {
            pending.decrementAndGet();
            if (late(write, rung, clock.millis())) {
                gate.release();
                meters.skipped("late-look"); // waited its turn too long: this delay goes unjudged
                schedule(this, rung + 1);
                return;
            }
            CompletableFuture<Check> look;
            try {
                look = target.check(write);
            } catch (RuntimeException e) {
                look = CompletableFuture.failedFuture(e);
            }
            look.whenComplete((check, error) -> {
                gate.release();
                judge(rung, error == null ? check : Check.failedLook(target.readHop(), "the look failed", error));
            });
        }

        private void judge(int rung, Check check) {
            meters.checked(check.verdict());
            if (check.verdict() == Check.Verdict.UNJUDGED) {
                meters.skipped("prober-error"); // says nothing of the target
                schedule(this, rung + 1);
                return;
            }
            Instant now = clock.instant();
            if (check.consistent()) {
                int judged = target.staysServed() ? delays.size() : rung + 1;
                for (Place place : target.places()) {
                    for (int r = rung; r < judged; r++) {
                        meters.judge(place.region(), place.label(), r, true);
                    }
                }
                recorded.values().forEach(kept -> inconsistencies.accept(kept.resolved(seconds(delays.get(rung)),
                        now)));
                recorded.clear();
                if (!target.staysServed()) {
                    schedule(this, rung + 1); // a cache can take an older entry back: look again at each delay
                }
                return;
            }
            boolean record = delays.get(rung).compareTo(recordFrom) >= 0;
            String hop = record && !progress.passed(write.dot()) ? Hop.PROPAGATOR : check.hop();
            for (Place place : target.places()) {
                meters.judge(place.region(), place.label(), rung, false);
                if (record) {
                    if (!recorded.containsKey(place)) {
                        meters.inconsistent(place.region(), place.label(), hop);
                    }
                    Inconsistency kept = new Inconsistency(place.region(), place.label(), write.stream(), write.key(),
                            write.revision(), write.dot().toString(), hop, seconds(delays.get(rung)),
                            check.observed(), write.writtenAt(), now, null);
                    recorded.put(place, kept);
                    inconsistencies.accept(kept);
                }
            }
            schedule(this, rung + 1);
        }
    }

    /** Schedules {@code walk}'s look at the first of {@code rung} and later whose time has not passed too long ago. */
    private void schedule(Walk walk, int rung) {
        long now = clock.millis();
        for (int r = rung; r < delays.size(); r++) {
            if (late(walk.write, r, now)) {
                meters.skipped("late-look");
                continue;
            }
            int next = r;
            long due = walk.write.writtenAt().toEpochMilli() + delays.get(r).toMillis();
            pending.incrementAndGet();
            try {
                executor.schedule(() -> gate.submit(() -> walk.look(next)), Math.max(0, due - now),
                        TimeUnit.MILLISECONDS);
            } catch (RejectedExecutionException closing) {
                pending.decrementAndGet();
            }
            return;
        }
    }

    /** Whether the time of {@code rung} had passed by more than half of its delay at {@code nowMillis}. */
    private boolean late(SampledWrite write, int rung, long nowMillis) {
        long delay = delays.get(rung).toMillis();
        return nowMillis - (write.writtenAt().toEpochMilli() + delay) > delay / 2;
    }

    private static double seconds(Duration delay) {
        return delay.toMillis() / 1000.0;
    }
}
