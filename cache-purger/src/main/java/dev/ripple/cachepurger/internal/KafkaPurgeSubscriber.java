package dev.ripple.cachepurger.internal;

import dev.ripple.cachepurger.PurgeSubscriber;
import dev.ripple.events.PurgeRecord;
import dev.ripple.events.PurgeRequest;
import dev.ripple.events.codec.FastJson;
import dev.ripple.runtime.consume.ConsumeLoop;
import dev.ripple.runtime.consume.LoopOptions;
import dev.ripple.runtime.consume.LoopStep;
import dev.ripple.runtime.consume.LoopThread;
import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import dev.ripple.runtime.lifecycle.Lifecycle;
import dev.ripple.runtime.lifecycle.State;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link PurgeSubscriber} on a {@link ConsumeLoop} with one thread. A record whose handler throws waits, with the
 * records of its partition read after it, while its partition is paused; it is handed over again after the backoff.
 */
public final class KafkaPurgeSubscriber implements PurgeSubscriber {
    private static final Logger log = LoggerFactory.getLogger(KafkaPurgeSubscriber.class);
    private static final Duration POLL = Duration.ofMillis(100);
    private static final Duration CLOSE_WAIT = Duration.ofSeconds(5);

    private final Options options;
    private final Handler handler;
    private final Clock clock = Clock.systemUTC();
    private final KafkaConsumer<String, byte[]> consumer;
    private final ConsumeLoop<byte[], Void> loop;
    private final Lifecycle lifecycle;
    private volatile LoopThread thread;
    private volatile Throwable failure;

    private KafkaPurgeSubscriber(Options options, Handler handler) {
        this.options = options;
        this.handler = handler;
        this.lifecycle = Lifecycle.running("the purge subscriber of " + options.region());
        KafkaSettings kafka = KafkaSettings.of(options.bootstrapServers(), options.kafkaOverrides(),
                options.groupId());
        this.consumer = KafkaClients.consumer(kafka, null, options.groupId(), Map.of(), new StringDeserializer(),
                new ByteArrayDeserializer());
        // committed as soon as handled (asynchronously), and once more when closing
        this.loop = ConsumeLoop.create(consumer, new LoopOptions("Purge subscriber of " + options.region(),
                options.topics().purge(options.region()), POLL, Duration.ZERO, Duration.ZERO, CLOSE_WAIT,
                LoopOptions.Mode.GROUP), clock);
    }

    /** @see PurgeSubscriber#start */
    public static KafkaPurgeSubscriber start(Options options, Handler handler) {
        KafkaPurgeSubscriber subscriber = new KafkaPurgeSubscriber(options, handler);
        subscriber.thread = LoopThread.start("ripple-purge-subscriber-" + options.region(), Map.of(), false,
                subscriber.loop, subscriber.new Handing(), subscriber::failed,
                List.<AutoCloseable>of(() -> subscriber.consumer.close(CLOSE_WAIT)));
        return subscriber;
    }

    private void failed(Throwable e) {
        failure = e;
        lifecycle.toIfLegal(State.FAILED);
        log.error("Purge subscriber of {} stopped: {}", options.region(), e.toString(), e);
    }

    @Override
    public State state() {
        return lifecycle.state();
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public void close() {
        if (lifecycle.toIfLegal(State.STOPPING).isClosing()) {
            return;
        }
        thread.stop(Duration.ofSeconds(10));
        lifecycle.transition(State.STOPPING, State.STOPPED);
    }

    /** Hands records over in partition order; a partition with a record waiting for its retry is paused. */
    private final class Handing implements LoopStep<byte[], Void> {
        private final Map<Integer, ArrayDeque<ConsumerRecord<String, byte[]>>> waiting = new HashMap<>();
        private final Map<Integer, Long> retryAtMs = new HashMap<>();

        @Override
        public Void accept(ConsumerRecord<String, byte[]> record) {
            ArrayDeque<ConsumerRecord<String, byte[]>> queue = waiting.get(record.partition());
            if (queue != null) {
                queue.add(record); // nothing after a failed record is handled before it
            } else if (!handOver(record)) {
                queue = new ArrayDeque<>();
                queue.add(record);
                waiting.put(record.partition(), queue);
                retryAtMs.put(record.partition(), clock.millis() + options.retryBackoff().toMillis());
            }
            return null;
        }

        @Override
        public void round(long nowMs) {
            waiting.entrySet().removeIf(entry -> {
                int partition = entry.getKey();
                if (nowMs < retryAtMs.get(partition)) {
                    return false;
                }
                ArrayDeque<ConsumerRecord<String, byte[]>> queue = entry.getValue();
                while (!queue.isEmpty()) {
                    if (!handOver(queue.peekFirst())) {
                        retryAtMs.put(partition, nowMs + options.retryBackoff().toMillis());
                        return false;
                    }
                    queue.pollFirst();
                }
                retryAtMs.remove(partition);
                return true;
            });
        }

        @Override
        public boolean wantsPause(int partition, long nowMs) {
            return waiting.containsKey(partition);
        }

        /** The first retry due; none while nothing waits. */
        @Override
        public long nextDutyMs(long nowMs) {
            return retryAtMs.values().stream().mapToLong(Long::longValue).min().orElse(Long.MAX_VALUE);
        }

        @Override
        public void forget(Collection<Integer> partitions) {
            partitions.forEach(partition -> {
                waiting.remove(partition);
                retryAtMs.remove(partition);
            });
        }

        /** Whether the record is done with (and marked so): handled, a watermark, or unreadable (skipped). */
        private boolean handOver(ConsumerRecord<String, byte[]> record) {
            if (handle(record)) {
                loop.complete(record.partition(), record.offset());
                return true;
            }
            return false;
        }
    }

    /** Whether the record is done with: handled, a watermark, or unreadable (logged and skipped). */
    private boolean handle(ConsumerRecord<String, byte[]> record) {
        PurgeRecord value;
        try {
            value = FastJson.readPurgeRecord(record.topic(), record.value());
        } catch (SerializationException e) {
            log.warn("Skipping unreadable record {}-{}@{}: {}", record.topic(), record.partition(), record.offset(),
                    e.getMessage());
            return true;
        }
        if (!(value instanceof PurgeRequest request)) {
            return true;
        }
        try {
            handler.onPurge(request);
            return true;
        } catch (Exception e) {
            log.warn("Purge handler failed on {}-{}@{} (key {}): {}; handing it over again in {} ms", record.topic(),
                    record.partition(), record.offset(), request.key(), e.toString(), options.retryBackoff().toMillis());
            return false;
        }
    }
}
