package dev.ripple.producer.internal;

import dev.ripple.consistency.Dot;
import dev.ripple.events.EditEvent;
import dev.ripple.events.codec.FastJson;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.kafka.clients.consumer.Consumer;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndTimestamp;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.InterruptException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Tells whether writes Kafka never answered ({@link UncertainWriteException}) were stored, before their retries are
 * published anew. A look is a request on a thread of its own, which reads each partition with looks pending once
 * for all of them: from the earliest of their timestamps, less {@link #CLOCK_SKEW}, to the partition's end (its high
 * watermark) when the read began, for records of their keys holding the same event ({@code meta.id} and
 * {@link RecentIds#fingerprint}). So the thousands of retries that follow a long outage cost a read per partition,
 * not one each. A look that its request cannot wait for goes on, and the request's next retry finds its verdict.
 *
 * <p>One consumer without a group, created on the first look. Thread-safe.
 */
final class UncertainWrites implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(UncertainWrites.class);

    /** What a look found. */
    sealed interface Verdict {
        /** Kafka stored the write at {@code dot}. */
        record Written(Dot dot) implements Verdict {}

        /** The partition holds no such record up to its end: the write is not stored, and may be published anew. */
        record NotWritten() implements Verdict {}

        /** Not known by the request's deadline (Kafka away, a long partition, the intake closing). */
        record Unknown(String why) implements Verdict {}
    }

    /**
     * How far before the record's timestamp a look starts: on a stream topic with
     * {@code message.timestamp.type=LogAppendTime} the broker's clock stamps it, and may be behind the intake's.
     */
    static final Duration CLOCK_SKEW = Duration.ofSeconds(10);
    /** How long looks that arrive together are gathered before a read, so that one read answers them all. */
    static final Duration GATHER = Duration.ofMillis(50);
    /** How long a read waits for Kafka to answer, or to hand it more records, before it gives up until later. */
    static final Duration ATTEMPT = Duration.ofSeconds(5);
    /** How long after a read Kafka did not answer the next round starts. */
    static final Duration AGAIN = Duration.ofSeconds(1);
    private static final Duration POLL = Duration.ofMillis(100);

    private record WriteKey(TopicPartition partition, String id, long sentAtMillis) {}

    private record Look(WriteKey write, String key, int fingerprint, long sinceMillis,
            CompletableFuture<Verdict> verdict) {}

    private final Supplier<Consumer<String, byte[]>> consumers;
    private final Duration kept;
    private final Clock clock;
    private final Map<WriteKey, Look> looks = new ConcurrentHashMap<>();
    private final Object work = new Object();
    private final Thread reader;
    private volatile Consumer<String, byte[]> consumer;
    private volatile boolean closed;

    /**
     * @param consumers makes the consumer (no group, string keys, byte values) on the first look
     * @param kept how long a verdict nobody asked for again is kept: the intake's memory of ids ({@code RetryWindow})
     */
    UncertainWrites(Supplier<Consumer<String, byte[]>> consumers, Duration kept, Clock clock) {
        this.consumers = consumers;
        this.kept = kept;
        this.clock = clock;
        this.reader = new Thread(this::run, "ripple-intake-uncertain-writes");
        this.reader.setDaemon(true);
        this.reader.start();
    }

    /**
     * Looks for {@code event}, whose publish ended in {@code write}, waiting for the verdict until {@code deadline}
     * at the latest.
     */
    Verdict look(UncertainWriteException write, EditEvent event, Instant deadline) {
        if (closed) {
            return new Verdict.Unknown("the intake is closing");
        }
        WriteKey key = new WriteKey(write.partition(), event.meta().id().toLowerCase(Locale.ROOT),
                write.sentAtMillis());
        // a verdict kept for a retry is reused if it found the write; "not written" is read again to the end now
        looks.computeIfPresent(key, (k, kept) -> kept.verdict().getNow(null) instanceof Verdict.NotWritten ? null
                : kept);
        Look look = looks.computeIfAbsent(key, k -> new Look(k, event.key(), RecentIds.fingerprint(event),
                clock.millis(), new CompletableFuture<>()));
        synchronized (work) {
            work.notifyAll();
        }
        try {
            Verdict verdict = look.verdict().get(remaining(deadline).toMillis(), TimeUnit.MILLISECONDS);
            looks.remove(key, look); // settled: the intake's memory of the id holds the outcome from here on
            return verdict;
        } catch (TimeoutException e) {
            return new Verdict.Unknown("its partition was not read to its end in time; the look goes on");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return new Verdict.Unknown("interrupted");
        } catch (ExecutionException e) {
            return new Verdict.Unknown(String.valueOf(e.getCause()));
        }
    }

    /** How many looks are registered, waiting or kept for a retry. */
    int looking() {
        return looks.size();
    }

    private void run() {
        try {
            boolean unanswered = false;
            while (!closed) {
                synchronized (work) {
                    if (waiting().isEmpty()) {
                        work.wait(kept.toMillis());
                    }
                    // let the retries that arrive together join this read; after Kafka did not answer, wait longer
                    pause(unanswered ? AGAIN : GATHER);
                }
                forgetUnasked();
                Map<TopicPartition, List<Look>> byPartition = waiting().stream()
                        .collect(Collectors.groupingBy(look -> look.write().partition()));
                unanswered = false;
                for (Map.Entry<TopicPartition, List<Look>> partition : byPartition.entrySet()) {
                    unanswered |= closed || !read(partition.getKey(), partition.getValue());
                }
            }
        } catch (InterruptedException | WakeupException | InterruptException e) {
            // closing
        } finally {
            looks.values().forEach(look -> look.verdict().complete(new Verdict.Unknown("the intake is closing")));
            Thread.interrupted(); // so that the consumer closes
            if (consumer != null) {
                consumer.close(Duration.ZERO);
            }
        }
    }

    /** Waits {@code duration} on {@link #work}, however often a new look wakes it; holds the monitor. */
    private void pause(Duration duration) throws InterruptedException {
        long until = System.nanoTime() + duration.toNanos();
        for (long left = duration.toMillis(); left > 0; left = TimeUnit.NANOSECONDS.toMillis(until
                - System.nanoTime())) {
            work.wait(left);
        }
    }

    private List<Look> waiting() {
        return looks.values().stream().filter(look -> !look.verdict().isDone()).toList();
    }

    /** Verdicts whose retry never came again within the intake's memory of ids. */
    private void forgetUnasked() {
        long oldest = clock.millis() - kept.toMillis();
        looks.values().removeIf(look -> look.verdict().isDone() && look.sinceMillis() < oldest);
    }

    /**
     * Reads {@code partition} once for every look of {@code pending}, and settles each; false if Kafka did not
     * answer, and those it did not settle are read again at a later round.
     */
    private boolean read(TopicPartition partition, List<Look> pending) {
        try {
            if (consumer == null) {
                consumer = consumers.get();
            }
            consumer.assign(List.of(partition));
            long end = consumer.endOffsets(List.of(partition), ATTEMPT).get(partition);
            long fromMillis = Math.max(0, pending.stream().mapToLong(look -> look.write().sentAtMillis()).min()
                    .orElseThrow() - CLOCK_SKEW.toMillis());
            OffsetAndTimestamp from = consumer.offsetsForTimes(Map.of(partition, fromMillis), ATTEMPT)
                    .get(partition);
            if (from != null && !scan(partition, from.offset(), end, pending)) {
                return false;
            }
            pending.forEach(look -> look.verdict().complete(new Verdict.NotWritten()));
            return true;
        } catch (WakeupException | InterruptException e) {
            throw e;
        } catch (RuntimeException e) {
            log.debug("Could not read {} for {} uncertain write(s); reading it again in {} s: {}", partition,
                    pending.size(), AGAIN.toSeconds(), e.toString());
            return false;
        }
    }

    /**
     * Reads {@code partition} from {@code from} to {@code end}, settling each look whose write it finds; false if
     * Kafka handed it nothing for {@link #ATTEMPT}, and the read is given up until the next round.
     */
    private boolean scan(TopicPartition partition, long from, long end, List<Look> pending) {
        Map<String, List<Look>> byKey = new HashMap<>();
        pending.forEach(look -> byKey.computeIfAbsent(look.key(), k -> new ArrayList<>()).add(look));
        consumer.seek(partition, from);
        long lastProgress = System.nanoTime();
        for (long position = from; position < end && !byKey.isEmpty(); ) {
            for (ConsumerRecord<String, byte[]> record : consumer.poll(POLL)) {
                List<Look> ofKey = record.offset() < end ? byKey.get(record.key()) : null;
                EditEvent stored = ofKey == null ? null : event(record.value());
                if (stored != null) {
                    settleFound(stored, Dot.of(record.topic(), record.partition(), record.offset()), ofKey);
                    if (ofKey.isEmpty()) {
                        byKey.remove(record.key());
                    }
                }
            }
            long now = consumer.position(partition, ATTEMPT);
            if (now > position) {
                position = now;
                lastProgress = System.nanoTime();
            } else if (System.nanoTime() - lastProgress > ATTEMPT.toNanos()) {
                return false;
            }
        }
        return true;
    }

    private static void settleFound(EditEvent stored, Dot dot, List<Look> ofKey) {
        String id = stored.meta().id().toLowerCase(Locale.ROOT);
        int fingerprint = RecentIds.fingerprint(stored);
        ofKey.removeIf(look -> look.write().id().equals(id) && look.fingerprint() == fingerprint
                && look.verdict().complete(new Verdict.Written(dot)));
    }

    /** The event a record holds, or null for a record that is not one. */
    private static EditEvent event(byte[] value) {
        try {
            return FastJson.readEditEvent(value);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private Duration remaining(Instant deadline) {
        Duration left = Duration.between(clock.instant(), deadline);
        return left.isNegative() ? Duration.ZERO : left;
    }

    /** Ends the read in progress; every look still waiting is answered unknown. */
    @Override
    public void close() {
        closed = true;
        Consumer<String, byte[]> reading = consumer;
        if (reading != null) {
            reading.wakeup();
        }
        reader.interrupt();
        try {
            reader.join(TimeUnit.SECONDS.toMillis(10));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
