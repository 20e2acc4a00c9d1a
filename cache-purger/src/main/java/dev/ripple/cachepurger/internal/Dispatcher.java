package dev.ripple.cachepurger.internal;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Sends waiting purges to the targets in batches, keeping at most {@code maxInFlight} purges in flight. Pumped by
 * the loop when records arrive, by each group of purges that finish together (which frees their keys and slots) and
 * by a timer when the next purge's coalescing window ends. Pumps never nest: a pump asked for while one runs makes
 * that one go round again. Thread-safe.
 */
final class Dispatcher {
    private static final Logger log = LoggerFactory.getLogger(Dispatcher.class);

    /** Told how purges ended, a batch's worth at a time when they end together; called on I/O threads. */
    interface Outcome {
        void finished(List<TargetSet.Done> done);
    }

    private final KeyLanes lanes;
    private final Targets targets;
    private final int maxInFlight;
    private final int batchSize;
    private final ScheduledExecutorService scheduler;
    private final Clock clock;
    private final PurgerMetrics metrics;
    private final Outcome outcome;
    private final AtomicInteger inFlight = new AtomicInteger();
    private final AtomicInteger pumps = new AtomicInteger();
    private ScheduledFuture<?> wake;
    private Instant wakeAt;

    Dispatcher(KeyLanes lanes, Targets targets, int maxInFlight, int batchSize, ScheduledExecutorService scheduler,
            Clock clock, PurgerMetrics metrics, Outcome outcome) {
        this.lanes = lanes;
        this.targets = targets;
        this.maxInFlight = maxInFlight;
        this.batchSize = batchSize;
        this.scheduler = scheduler;
        this.clock = clock;
        this.metrics = metrics;
        this.outcome = outcome;
    }

    /** Sends what may leave now. */
    void pump() {
        if (pumps.getAndIncrement() != 0) {
            return;
        }
        int missed = 1;
        do {
            drain();
            missed = pumps.addAndGet(-missed);
        } while (missed != 0);
    }

    int inFlight() {
        return inFlight.get();
    }

    private void drain() {
        while (true) {
            int inFlightNow = inFlight.get();
            int budget = maxInFlight - inFlightNow;
            int sendable = lanes.sendable();
            if (sendable == 0) {
                lanes.nextDue().ifPresent(this::wakeAt);
                return;
            }
            // under load, wait for a full batch's worth of room rather than send a trickle of tiny batches: each
            // batch is one guarded call (one pipeline, one bulkhead permit)
            if (budget <= 0 || budget < batchSize && sendable > budget && inFlightNow > 0) {
                metrics.limitHit("max_in_flight");
                return;
            }
            List<PurgeJob> batch = lanes.takeReady(clock.instant(), Math.min(budget, batchSize));
            if (batch.isEmpty()) {
                lanes.nextDue().ifPresent(this::wakeAt);
                return;
            }
            inFlight.addAndGet(batch.size());
            send(batch);
        }
    }

    private void send(List<PurgeJob> batch) {
        TargetSet set = targets.acquire();
        AtomicInteger left = new AtomicInteger(batch.size());
        set.purge(batch, done -> finished(set, left, done));
    }

    /** Some jobs of a batch ended: tell the outcome, free their keys and slots, send what may leave now. */
    private void finished(TargetSet set, AtomicInteger left, List<TargetSet.Done> done) {
        try {
            outcome.finished(done);
        } catch (RuntimeException e) {
            log.error("Could not finish {} purge(s)", done.size(), e);
        } finally {
            lanes.complete(done);
            inFlight.addAndGet(-done.size());
            if (left.addAndGet(-done.size()) == 0) {
                set.release();
            }
            pump();
        }
    }

    private synchronized void wakeAt(Instant due) {
        if (wake != null && !due.isBefore(wakeAt)) {
            return;
        }
        if (wake != null) {
            wake.cancel(false);
        }
        // at least 1 ms: the clock may lag the timer by a tick, and a wake that finds nothing due wakes again
        long delayNanos = Math.max(TimeUnit.MILLISECONDS.toNanos(1), Duration.between(clock.instant(), due).toNanos());
        try {
            wake = scheduler.schedule(this::woken, delayNanos, TimeUnit.NANOSECONDS);
            wakeAt = due;
        } catch (RejectedExecutionException closing) {
            // closing: what waits stays uncommitted and is read again after a restart
        }
    }

    private void woken() {
        synchronized (this) {
            wake = null;
            wakeAt = null;
        }
        pump();
    }
}
