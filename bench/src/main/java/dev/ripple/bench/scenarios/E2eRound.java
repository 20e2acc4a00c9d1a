package dev.ripple.bench.scenarios;

import dev.ripple.bench.Correctness;
import dev.ripple.bench.Measurement;
import dev.ripple.consistency.Dot;
import dev.ripple.events.SourcePosition;
import dev.ripple.events.Trace;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.locks.LockSupport;
import java.util.function.IntConsumer;
import java.util.stream.IntStream;

/**
 * One round of {@code e2e}: event i has key {@code <prefix><i mod keys>} (5,000 keys unless given) and revision i.
 * It is <b>done</b> when its replication record was applied in every region and its purge was carried out in every
 * region; its latency is from the start of its intake {@code POST} (or the time it was due) until then. Checks
 * while it measures: per key and region, applied revisions and purged offsets must rise (a fall is a reordering, a
 * repeat a duplicate).
 *
 * <p>Purge receipts name the source record (dot), not the revision; dots come from the intake's answer and from the
 * applies, and a receipt that comes before either waits until one does. A receipt that covers coalesced purges
 * ({@code records > 1}) also completes the key's earlier purges it stands for.
 *
 * <p>Thread-safe: fed by the sender, HTTP client threads, the appliers' loop threads and the purgers' I/O threads.
 */
final class E2eRound {
    private final String prefix;
    private final int events;
    private final int keys;
    private final int regions;
    private final long wallOffsetMicros;
    private final AtomicLongArray sent;
    private final AtomicLongArray answered;
    private final AtomicLongArray done;
    private final AtomicIntegerArray remaining;
    private final AtomicLongArray[] applied;
    private final AtomicLongArray[] purged;
    private final long[][] lastRevision;
    private final AtomicLongArray[] lastPurgedOffset;
    private final AtomicLongArray accepted;
    private final AtomicLongArray propagated;
    private final AtomicLongArray appliedAt;
    private final AtomicLongArray purgeRead;
    private final AtomicLongArray purgedAt;
    private final Map<Long, Integer> dots = new ConcurrentHashMap<>();
    private final Map<Long, List<Runnable>> waiting = new HashMap<>();
    private final AtomicInteger completed = new AtomicInteger();
    private final AtomicInteger refusedPosts = new AtomicInteger();
    private final AtomicLong reordered = new AtomicLong();
    private final AtomicLong duplicates = new AtomicLong();
    private final AtomicLong coalesced = new AtomicLong();
    final AtomicLong sampleReads = new AtomicLong();
    final AtomicLong sampleStale = new AtomicLong();
    final AtomicLong sampleNotServed = new AtomicLong();
    private volatile IntConsumer onDone = i -> { };

    E2eRound(String prefix, int events, int regions) {
        this(prefix, events, regions, BenchEvents.KEYS);
    }

    /** A round whose event i has key {@code <prefix><i mod keys>}. */
    E2eRound(String prefix, int events, int regions, int keys) {
        this.prefix = prefix;
        this.events = events;
        this.keys = keys;
        this.regions = regions;
        this.wallOffsetMicros = micros(Instant.now()) - System.nanoTime() / 1000;
        this.sent = new AtomicLongArray(events);
        this.answered = new AtomicLongArray(events);
        this.done = new AtomicLongArray(events);
        this.remaining = new AtomicIntegerArray(events);
        for (int i = 0; i < events; i++) {
            remaining.set(i, 2 * regions);
        }
        this.applied = new AtomicLongArray[regions];
        this.purged = new AtomicLongArray[regions];
        this.lastRevision = new long[regions][keys];
        this.lastPurgedOffset = new AtomicLongArray[regions];
        for (int r = 0; r < regions; r++) {
            applied[r] = new AtomicLongArray(events);
            purged[r] = new AtomicLongArray(events);
            Arrays.fill(lastRevision[r], -1);
            lastPurgedOffset[r] = new AtomicLongArray(keys);
            for (int k = 0; k < keys; k++) {
                lastPurgedOffset[r].set(k, -1);
            }
        }
        this.accepted = new AtomicLongArray(events);
        this.propagated = new AtomicLongArray(events);
        this.appliedAt = new AtomicLongArray(events);
        this.purgeRead = new AtomicLongArray(events);
        this.purgedAt = new AtomicLongArray(events);
    }

    /** The key of event {@code i}. */
    String key(int i) {
        return prefix + (i % keys);
    }

    int events() {
        return events;
    }

    /** Called with each event's index as it becomes done. */
    void onDone(IntConsumer listener) {
        this.onDone = listener;
    }

    /** The intake {@code POST} of event {@code i} starts now. */
    void sending(int i) {
        sending(i, System.nanoTime());
    }

    /** Event {@code i} is due at {@code nanoTime} (open loop: its latency counts from then, even if sent later). */
    void sending(int i, long nanoTime) {
        sent.set(i, nanoTime);
    }

    /** The intake accepted event {@code i} at {@code dot}. */
    void accepted(int i, Dot dot) {
        answered.set(i, System.nanoTime());
        know(dotKey(dot.partition().partition(), dot.offset()), i);
    }

    /** The intake refused event {@code i}, or did not answer: it can never be done. */
    void refused(int i) {
        answered.set(i, System.nanoTime());
        refusedPosts.incrementAndGet();
    }

    void applied(int region, String key, long revision, SourcePosition source, boolean changed, Trace trace,
            Instant storedAt, long now) {
        int keyIndex = keyIndex(key);
        if (keyIndex < 0 || revision < 0 || revision >= events || revision % keys != keyIndex) {
            return; // another round's, or not the benchmark's
        }
        int i = (int) revision;
        long last = lastRevision[region][keyIndex]; // one loop thread per region's applier
        if (revision == last) {
            duplicates.incrementAndGet();
            return;
        }
        if (revision < last) {
            reordered.incrementAndGet();
        } else {
            lastRevision[region][keyIndex] = revision;
        }
        if (!applied[region].compareAndSet(i, 0, now)) {
            duplicates.incrementAndGet();
            return;
        }
        if (!changed) {
            duplicates.incrementAndGet(); // the store held this version already: applied before, replayed now
        }
        accepted.compareAndSet(i, 0, micros(trace.accepted()));
        propagated.compareAndSet(i, 0, micros(trace.propagated()));
        appliedAt.accumulateAndGet(i, micros(storedAt), Math::max);
        know(dotKey(source.partition(), source.offset()), i);
        complete(i, now);
    }

    void purged(int region, String key, SourcePosition source, int records, Instant read, Instant purgedTime,
            long now) {
        int keyIndex = keyIndex(key);
        if (keyIndex < 0) {
            return;
        }
        long dot = dotKey(source.partition(), source.offset());
        Integer i = dots.get(dot);
        if (i == null) {
            synchronized (waiting) {
                i = dots.get(dot);
                if (i == null) {
                    waiting.computeIfAbsent(dot, d -> new ArrayList<>()).add(() -> purged(region, key, source,
                            records, read, purgedTime, now));
                    return;
                }
            }
        }
        long last = lastPurgedOffset[region].getAndAccumulate(keyIndex, source.offset(), Math::max);
        if (source.offset() == last) {
            duplicates.incrementAndGet();
            return;
        }
        if (source.offset() < last) {
            reordered.incrementAndGet();
        }
        markPurged(region, i, read, purgedTime, now);
        for (int j = i - keys, more = records - 1; j >= 0 && more > 0; j -= keys) {
            if (purged[region].get(j) == 0) {
                markPurged(region, j, read, purgedTime, now);
                coalesced.incrementAndGet();
                more--;
            }
        }
    }

    private void markPurged(int region, int i, Instant read, Instant purgedTime, long now) {
        if (!purged[region].compareAndSet(i, 0, now)) {
            duplicates.incrementAndGet();
            return;
        }
        purgeRead.accumulateAndGet(i, micros(read), Math::max);
        purgedAt.accumulateAndGet(i, micros(purgedTime), Math::max);
        complete(i, now);
    }

    private void complete(int i, long now) {
        if (remaining.decrementAndGet(i) == 0) {
            done.set(i, now);
            completed.incrementAndGet();
            onDone.accept(i);
        }
    }

    private void know(long dot, int i) {
        if (dots.putIfAbsent(dot, i) != null) {
            return;
        }
        List<Runnable> receipts;
        synchronized (waiting) {
            receipts = waiting.remove(dot);
        }
        if (receipts != null) {
            receipts.forEach(Runnable::run);
        }
    }

    /** Waits until every event the intake accepted is done, or until {@code deadlineNanos}. */
    void await(long deadlineNanos) {
        while (completed.get() < events - refusedPosts.get() && System.nanoTime() < deadlineNanos) {
            LockSupport.parkNanos(5_000_000);
        }
    }

    int completed() {
        return completed.get();
    }

    /** Milliseconds from each event's POST until done; infinite for an event not done. */
    double[] latencies() {
        double[] ms = new double[events];
        for (int i = 0; i < events; i++) {
            ms[i] = done.get(i) == 0 ? Double.POSITIVE_INFINITY : (done.get(i) - sent.get(i)) / 1e6;
        }
        return ms;
    }

    /** Milliseconds from each event's POST (or due time) until the intake answered; infinite for no answer. */
    double[] answerLatencies() {
        double[] ms = new double[events];
        for (int i = 0; i < events; i++) {
            ms[i] = answered.get(i) == 0 ? Double.POSITIVE_INFINITY : (answered.get(i) - sent.get(i)) / 1e6;
        }
        return ms;
    }

    /** Lost: not done by the deadline; reordered, per key and region; duplicates, applies or purges seen twice. */
    Correctness correctness() {
        return new Correctness(events, completed.get(), reordered.get() + sampleStale.get(), duplicates.get());
    }

    long coalesced() {
        return coalesced.get();
    }

    /** Nano times at which events became done, sorted; only the done ones. */
    long[] doneTimes() {
        return IntStream.range(0, events).mapToLong(done::get).filter(t -> t != 0).sorted()
                .toArray();
    }

    /**
     * Per done event, the time of each stage in ms (the slowest region where regions differ), in the order of
     * {@link E2eStages#NAMES}.
     */
    void addStages(E2eStages stages) {
        for (int i = 0; i < events; i++) {
            if (done.get(i) == 0 || accepted.get(i) == 0 || purgeRead.get(i) == 0) {
                continue;
            }
            long sentMicros = sent.get(i) / 1000 + wallOffsetMicros;
            stages.add(new double[] {
                    (answered.get(i) - sent.get(i)) / 1e6,
                    (accepted.get(i) - sentMicros) / 1e3,
                    (propagated.get(i) - accepted.get(i)) / 1e3,
                    (appliedAt.get(i) - propagated.get(i)) / 1e3,
                    (purgeRead.get(i) - propagated.get(i)) / 1e3,
                    (purgedAt.get(i) - purgeRead.get(i)) / 1e3,
                    (done.get(i) / 1000 + wallOffsetMicros - Math.max(appliedAt.get(i), purgedAt.get(i))) / 1e3,
                    (done.get(i) - sent.get(i)) / 1e6});
        }
    }

    Measurement.Latency latency() {
        return Measurement.Latency.of(latencies());
    }

    private int keyIndex(String key) {
        if (!key.startsWith(prefix)) {
            return -1;
        }
        try {
            int k = Integer.parseInt(key, prefix.length(), key.length(), 10);
            return k >= 0 && k < keys ? k : -1;
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    private static long dotKey(int partition, long offset) {
        return ((long) partition << 48) | offset;
    }

    private static long micros(Instant t) {
        return t.getEpochSecond() * 1_000_000 + t.getNano() / 1000;
    }
}
