package dev.ripple.runtime.consume.internal;

import dev.ripple.runtime.consume.ConsumeLoop;
import dev.ripple.runtime.consume.LoopOptions;
import dev.ripple.runtime.consume.LoopStep;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRebalanceListener;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ConsumeLoop} on a Kafka {@link Consumer}; see the interface. */
public final class KafkaConsumeLoop<V, P> implements ConsumeLoop<V, P>, ConsumerRebalanceListener {
    private static final Logger log = LoggerFactory.getLogger(KafkaConsumeLoop.class);
    private static final long DRAIN_STEP_MS = 10;
    /** How long a lookup an assignment needs waits for Kafka before it is made again. */
    private static final Duration LOOKUP_TIMEOUT = Duration.ofSeconds(5);

    private final Consumer<String, V> consumer;
    private final LoopOptions options;
    private final Clock clock;
    private final Map<Integer, OffsetTracker<P>> trackers = new TreeMap<>();
    private final Set<Integer> paused = new HashSet<>();
    private final BlockingQueue<Runnable> handedBack = new LinkedBlockingQueue<>();
    private LoopStep<V, P> step;
    private volatile boolean stopping;
    private volatile boolean held;
    /** Records tracked and not yet passed; {@link #pending} is its copy for other threads, once per round. */
    private int tracked;
    private volatile int pending;
    private volatile int pausedCount;
    private long lastCommitMs = Long.MIN_VALUE / 2;

    public KafkaConsumeLoop(Consumer<String, V> consumer, LoopOptions options, Clock clock) {
        this.consumer = Objects.requireNonNull(consumer, "consumer");
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    @Override
    public void run(LoopStep<V, P> step) {
        if (this.step != null) {
            throw new IllegalStateException("The loop of " + options.name() + " runs once");
        }
        this.step = Objects.requireNonNull(step, "step");
        if (options.mode() == LoopOptions.Mode.GROUP) {
            consumer.subscribe(List.of(options.topic()), this);
        } else {
            followAll();
        }
        while (!stopping) {
            round();
        }
        drain(List.copyOf(trackers.keySet()), options.closeDrainTimeout());
        commitSync("on close");
        step.closing();
    }

    @Override
    public void stop() {
        stopping = true;
        handedBack.add(() -> {}); // ends a wait for the topic to exist
        consumer.wakeup();
    }

    /** Assigns every partition from the beginning, once the topic exists. */
    private void followAll() {
        long retryMs = Math.max(1_000, options.pollTimeout().toMillis());
        while (!stopping) {
            List<PartitionInfo> partitions;
            try {
                partitions = withoutWakeup(() -> consumer.partitionsFor(options.topic(), Duration.ofMillis(retryMs)));
            } catch (TimeoutException e) {
                partitions = List.of(); // the cluster did not answer in time: look again
            }
            if (partitions != null && !partitions.isEmpty()) {
                List<TopicPartition> all = partitions.stream()
                        .map(p -> new TopicPartition(options.topic(), p.partition())).toList();
                consumer.assign(all);
                consumer.seekToBeginning(all);
                Map<Integer, String> none = new TreeMap<>();
                all.forEach(tp -> {
                    trackers.put(tp.partition(), new OffsetTracker<>());
                    none.put(tp.partition(), null);
                });
                step.assigned(none, all.size());
                log.info("{}: following {} ({} partitions)", options.name(), options.topic(), all.size());
                return;
            }
            try {
                Runnable work = handedBack.poll(retryMs, TimeUnit.MILLISECONDS);
                if (work != null) {
                    work.run();
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                stopping = true;
            }
        }
    }

    @Override
    public void hold(boolean hold) {
        held = hold;
        consumer.wakeup();
    }

    @Override
    public void handBack(Runnable work) {
        handedBack.add(Objects.requireNonNull(work, "work"));
        consumer.wakeup();
    }

    @Override
    public boolean complete(int partition, long offset) {
        OffsetTracker<P> tracker = trackers.get(partition);
        return tracker != null && tracker.complete(offset);
    }

    @Override
    public int pending() {
        return pending;
    }

    @Override
    public int pausedPartitions() {
        return pausedCount;
    }

    private void round() {
        runHandedBack();
        advance();
        long now = clock.millis();
        step.round(now);
        pauseOrResume(now);
        if (now - lastCommitMs >= options.commitInterval().toMillis() && commit(false)) {
            lastCommitMs = now;
        }
        try {
            Duration timeout = handedBack.isEmpty() ? pollTimeout(now) : Duration.ZERO;
            for (ConsumerRecord<String, V> record : consumer.poll(timeout)) {
                accept(record);
            }
        } catch (WakeupException e) {
            // work came back, or stop() or hold() was called
        }
        pending = tracked;
    }

    /**
     * The poll timeout while anything is pending, paused or left to commit; otherwise until the step's next duty,
     * between the poll timeout and {@link #IDLE_POLL_MAX}.
     */
    private Duration pollTimeout(long now) {
        Duration busy = options.pollTimeout();
        if (tracked > 0 || !paused.isEmpty() || held || uncommitted()) {
            return busy;
        }
        long untilDuty = step.nextDutyMs(now) - now;
        if (untilDuty <= busy.toMillis()) {
            return busy;
        }
        return Duration.ofMillis(Math.min(untilDuty, Math.max(busy.toMillis(), IDLE_POLL_MAX.toMillis())));
    }

    /** Whether a partition has offsets a commit has yet to acknowledge; never in {@link LoopOptions.Mode#FOLLOW}. */
    private boolean uncommitted() {
        if (options.mode() == LoopOptions.Mode.FOLLOW) {
            return false;
        }
        for (OffsetTracker<P> tracker : trackers.values()) {
            if (tracker.toCommit() >= 0) {
                return true;
            }
        }
        return false;
    }

    private void accept(ConsumerRecord<String, V> record) {
        OffsetTracker<P> tracker = trackers.computeIfAbsent(record.partition(), p -> new OffsetTracker<>());
        // tracked first, so the step may complete the record while it accepts it
        tracker.track(record.offset(), null);
        tracked++;
        P payload = step.accept(record);
        if (payload != null) {
            tracker.remember(record.offset(), payload);
        }
    }

    private void runHandedBack() {
        for (Runnable work = handedBack.poll(); work != null; work = handedBack.poll()) {
            work.run();
        }
    }

    private void advance() {
        int total = 0;
        for (Map.Entry<Integer, OffsetTracker<P>> entry : trackers.entrySet()) {
            int partition = entry.getKey();
            entry.getValue().advance(payload -> step.passed(partition, payload));
            total += entry.getValue().pending();
        }
        tracked = total;
        pending = total;
    }

    private void pauseOrResume(long now) {
        boolean all = held || step.holdAll(tracked);
        for (TopicPartition tp : consumer.assignment()) {
            int partition = tp.partition();
            boolean pause = all || step.wantsPause(partition, now);
            if (pause && paused.add(partition)) {
                consumer.pause(List.of(tp));
                step.paused(partition);
            } else if (!pause && paused.remove(partition)) {
                consumer.resume(List.of(tp));
            }
        }
        pausedCount = paused.size();
        step.pausesMade(pausedCount);
    }

    /** Commits the offsets that moved; returns whether there were any. */
    private boolean commit(boolean sync) {
        if (options.mode() == LoopOptions.Mode.FOLLOW) {
            return false;
        }
        Map<TopicPartition, OffsetAndMetadata> offsets = new HashMap<>();
        trackers.forEach((partition, tracker) -> {
            long next = tracker.toCommit();
            if (next >= 0) {
                offsets.put(new TopicPartition(options.topic(), partition),
                        new OffsetAndMetadata(next, step.metadata(partition)));
            }
        });
        if (offsets.isEmpty()) {
            return false;
        }
        if (sync) {
            withoutWakeup(() -> {
                consumer.commitSync(offsets);
                return null;
            });
            committed(offsets);
        } else {
            consumer.commitAsync(offsets, (done, error) -> {
                if (error == null) {
                    committed(done);
                } else {
                    log.warn("{}: could not commit offsets {} ({}); the next commit covers them, and records read "
                            + "again after a restart are no-ops", options.name(), offsets, error.toString());
                }
            });
        }
        return true;
    }

    private void committed(Map<TopicPartition, OffsetAndMetadata> offsets) {
        offsets.forEach((tp, offset) -> {
            OffsetTracker<P> tracker = trackers.get(tp.partition());
            if (tracker != null) {
                tracker.committed(offset.offset());
            }
        });
    }

    private void commitSync(String when) {
        advance();
        try {
            commit(true);
        } catch (RuntimeException e) {
            log.warn("{}: could not commit {} ({}); records after the last commit are read again", options.name(),
                    when, e.toString());
        }
    }

    /** Waits (bounded) while the step has work of these partitions in flight, running what comes back. */
    private void drain(Collection<Integer> partitions, Duration timeout) {
        if (timeout.isZero()) {
            runHandedBack();
            return;
        }
        long deadline = System.nanoTime() + timeout.toNanos();
        try {
            while (step.busy(partitions)) {
                long left = deadline - System.nanoTime();
                if (left <= 0) {
                    log.warn("{}: work of partitions {} is still in flight after {}; its records are not committed "
                            + "and are read again by the next owner", options.name(), partitions, timeout);
                    break;
                }
                Runnable work = handedBack.poll(Math.min(left, TimeUnit.MILLISECONDS.toNanos(DRAIN_STEP_MS)),
                        TimeUnit.NANOSECONDS);
                if (work != null) {
                    work.run();
                }
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        runHandedBack();
    }

    @Override
    public void onPartitionsRevoked(Collection<TopicPartition> partitions) {
        List<Integer> revoked = partitions.stream().map(TopicPartition::partition).sorted().toList();
        drain(revoked, options.revokeDrainTimeout());
        commitSync("before a rebalance");
        forget(revoked);
        log.info("{}: partitions {} revoked", options.name(), revoked);
    }

    @Override
    public void onPartitionsLost(Collection<TopicPartition> partitions) {
        List<Integer> lost = partitions.stream().map(TopicPartition::partition).sorted().toList();
        forget(lost);
        log.warn("{}: partitions {} lost; their uncommitted records are read again by the next owner",
                options.name(), lost);
    }

    @Override
    public void onPartitionsAssigned(Collection<TopicPartition> partitions) {
        Map<TopicPartition, OffsetAndMetadata> committed = untilAnswered("the committed offsets",
                () -> consumer.committed(new HashSet<>(partitions), LOOKUP_TIMEOUT));
        int count = untilAnswered("the partitions of " + options.topic(),
                () -> consumer.partitionsFor(options.topic(), LOOKUP_TIMEOUT).size());
        Map<Integer, String> metadata = new TreeMap<>();
        for (TopicPartition tp : partitions) {
            trackers.computeIfAbsent(tp.partition(), p -> new OffsetTracker<>());
            OffsetAndMetadata offset = committed.get(tp);
            metadata.put(tp.partition(), offset == null ? null : offset.metadata());
        }
        step.assigned(metadata, count);
        log.info("{}: partitions {} assigned", options.name(), metadata.keySet());
    }

    private void forget(Collection<Integer> partitions) {
        partitions.forEach(partition -> {
            trackers.remove(partition);
            paused.remove(partition);
        });
        step.forget(partitions);
    }

    /**
     * A lookup the assignment cannot do without, made again until Kafka answers it (a broker that restarts just after
     * a rebalance) or the loop stops: thrown out of the rebalance listener, the failure would end the loop, and the
     * part with it. A wake-up meant for a poll fails a try instead.
     */
    private <T> T untilAnswered(String what, Supplier<T> call) {
        while (true) {
            try {
                return call.get();
            } catch (WakeupException e) {
                if (stopping) {
                    throw e;
                }
            } catch (RetriableException e) {
                if (stopping) {
                    throw new WakeupException();
                }
                log.warn("{}: Kafka did not answer for {} ({}); asking again", options.name(), what, e.getMessage());
            }
        }
    }

    /** A wake-up meant for a poll fails the first blocking call instead; such a call is made again. */
    private <T> T withoutWakeup(Supplier<T> call) {
        try {
            return call.get();
        } catch (WakeupException e) {
            return call.get();
        }
    }
}
