package dev.ripple.replica.internal;

import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.events.RegionPosition;
import dev.ripple.replica.RegionPositions;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Predicate;

/**
 * {@link RegionPositions} in memory. A waiter is registered, then the current position re-checked, so an offer
 * between the first check and the registration is never missed; each waiter completes once (an offer or its
 * timeout, whichever comes first).
 */
public final class PositionBoard implements RegionPositions {
    private final Map<String, RegionPosition> positions = new ConcurrentHashMap<>();
    private final Map<String, Set<Waiter>> waiters = new ConcurrentHashMap<>();
    private final AtomicInteger waiting = new AtomicInteger();
    private final ScheduledExecutorService timeouts = Executors.newSingleThreadScheduledExecutor(r -> {
        Thread t = new Thread(r, "ripple-read-timeouts");
        t.setDaemon(true);
        return t;
    });

    /** A reader waiting; it leaves the count and its set before its future completes, so counts never lag. */
    private final class Waiter {
        private final Predicate<RegionPosition> ready;
        private final CompletableFuture<RegionPosition> done = new CompletableFuture<>();
        private final Set<Waiter> set;
        private final AtomicBoolean finished = new AtomicBoolean();

        Waiter(Predicate<RegionPosition> ready, Set<Waiter> set) {
            this.ready = ready;
            this.set = set;
        }

        void finish(RegionPosition position, RuntimeException error) {
            if (finished.compareAndSet(false, true)) {
                set.remove(this);
                waiting.decrementAndGet();
                if (error != null) {
                    done.completeExceptionally(error);
                } else {
                    done.complete(position);
                }
            }
        }
    }

    @Override
    public void offer(RegionPosition position) {
        RegionPosition merged = positions.merge(position.region(), position, PositionBoard::merge);
        Set<Waiter> regionWaiters = waiters.get(position.region());
        if (regionWaiters != null) {
            for (Waiter waiter : regionWaiters) {
                test(waiter, merged);
            }
        }
    }

    @Override
    public void recheck() {
        waiters.forEach((region, regionWaiters) -> {
            RegionPosition now = positions.get(region);
            if (now != null) {
                for (Waiter waiter : regionWaiters) {
                    test(waiter, now);
                }
            }
        });
    }

    @Override
    public Optional<RegionPosition> current(String region) {
        return Optional.ofNullable(positions.get(region));
    }

    @Override
    public Map<String, RegionPosition> all() {
        return Map.copyOf(new TreeMap<>(positions));
    }

    @Override
    public CompletableFuture<RegionPosition> await(String region, Predicate<RegionPosition> ready, Duration timeout) {
        Set<Waiter> regionWaiters = waiters.computeIfAbsent(region, r -> ConcurrentHashMap.newKeySet());
        Waiter waiter = new Waiter(ready, regionWaiters);
        waiting.incrementAndGet();
        regionWaiters.add(waiter);
        RegionPosition now = positions.get(region);
        if (now != null) {
            test(waiter, now);
        }
        if (!waiter.done.isDone()) {
            timeouts.schedule(() -> waiter.finish(null, null), timeout.toNanos(), TimeUnit.NANOSECONDS);
        }
        return waiter.done;
    }

    private static void test(Waiter waiter, RegionPosition position) {
        if (waiter.done.isDone()) {
            return;
        }
        try {
            if (waiter.ready.test(position)) {
                waiter.finish(position, null);
            }
        } catch (RuntimeException e) {
            waiter.finish(null, e);
        }
    }

    @Override
    public int waiting() {
        return waiting.get();
    }

    @Override
    public void close() {
        timeouts.shutdownNow();
        waiters.values().forEach(set -> set.forEach(w -> w.finish(null, null)));
    }

    /** Pointwise maximum; each entry keeps the source dt of the side that is ahead. A newer epoch replaces. */
    static RegionPosition merge(RegionPosition a, RegionPosition b) {
        Objects.requireNonNull(b, "b");
        if (a == null || b.applied().epoch() > a.applied().epoch()) {
            return b;
        }
        if (b.applied().epoch() < a.applied().epoch()) {
            return a;
        }
        Map<String, Instant> dts = new HashMap<>(a.sourceDt());
        for (TopicPartitionKey entry : b.applied().partitions()) {
            Instant dt = b.sourceDt(entry);
            if (dt != null && b.applied().offset(entry) >= a.applied().offset(entry)) {
                dts.merge(entry.toString(), dt, (x, y) -> b.applied().offset(entry) > a.applied().offset(entry)
                        || y.isAfter(x) ? y : x);
            }
        }
        Instant at = a.publishedAt().isAfter(b.publishedAt()) ? a.publishedAt() : b.publishedAt();
        // which partitions are out of service is the latest word, not a union: a rebuilt partition serves again
        return new RegionPosition(a.region(), a.applied().merge(b.applied()), dts, at,
                b.publishedAt().isBefore(a.publishedAt()) ? a.rebuilding() : b.rebuilding());
    }
}
