package dev.ripple.runtime.consume;

import dev.ripple.runtime.consume.internal.KafkaConsumeLoop;
import java.time.Clock;
import java.time.Duration;
import org.apache.kafka.clients.consumer.Consumer;

/**
 * One consumer's loop: poll, hand records to a {@link LoopStep}, commit per partition the prefix of records that
 * are done, pause and resume, drain and commit on revoke and on stop. The only user of its consumer; run it on a
 * thread of its own.
 *
 * <p>A round: run what was handed back, move each partition's committed prefix ({@link LoopStep#passed}), let the
 * step start work ({@link LoopStep#round}), pause or resume partitions, commit asynchronously when the commit
 * interval has passed, poll (without waiting if work has come back) and hand each record to the step. A hand-back
 * wakes the poll, so the loop never sits out a poll while work is waiting. An idle loop (no record pending, no
 * partition paused, no offset left to commit) polls until the step's next duty ({@link LoopStep#nextDutyMs}), at
 * most {@link #IDLE_POLL_MAX}, instead of every poll timeout: a record arriving ends the poll at once.
 *
 * @param <V> the record value type
 * @param <P> what the step remembers with an offset
 */
public interface ConsumeLoop<V, P> {
    /** The longest an idle loop's poll waits. */
    Duration IDLE_POLL_MAX = Duration.ofSeconds(1);

    /** A loop on {@code consumer} (not yet subscribed); time comes from {@code clock}. */
    static <V, P> ConsumeLoop<V, P> create(Consumer<String, V> consumer, LoopOptions options, Clock clock) {
        return new KafkaConsumeLoop<>(consumer, options, clock);
    }

    /**
     * Subscribes and runs rounds until {@link #stop()}; then drains (up to the close drain timeout), commits what
     * is done and calls {@link LoopStep#closing()}. Call once, on the loop's thread.
     *
     * @throws RuntimeException what the step or the consumer threw: the loop is over and its records are read
     *     again from the last commit
     */
    void run(LoopStep<V, P> step);

    /** Asks the loop to finish; safe from any thread. */
    void stop();

    /** Holds (true) or releases (false) every partition, as an operator asked; safe from any thread. */
    void hold(boolean hold);

    /** Runs {@code work} on the loop thread at its next round, waking the poll; safe from any thread. */
    void handBack(Runnable work);

    /**
     * The record at {@code offset} of {@code partition} is done. Loop thread only (use {@link #handBack} from
     * others), also from within {@link LoopStep#accept} for the record being accepted; returns false if the record
     * is not tracked (e.g. its partition was revoked).
     */
    boolean complete(int partition, long offset);

    /** Records read and not yet in a committed prefix, as of the last round; any thread. */
    int pending();

    /** Partitions paused, as of the last round; any thread. */
    int pausedPartitions();
}
