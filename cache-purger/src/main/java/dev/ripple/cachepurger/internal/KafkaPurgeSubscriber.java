package dev.ripple.cachepurger.internal;

import dev.ripple.cachepurger.PurgeSubscriber;
import dev.ripple.events.PurgeRecord;
import dev.ripple.events.PurgeRequest;
import dev.ripple.events.codec.FastJson;
import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import dev.ripple.runtime.lifecycle.Lifecycle;
import dev.ripple.runtime.lifecycle.State;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.ConsumerRecords;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link PurgeSubscriber} on a Kafka consumer with one thread. */
public final class KafkaPurgeSubscriber implements PurgeSubscriber {
    private static final Logger log = LoggerFactory.getLogger(KafkaPurgeSubscriber.class);

    private final Options options;
    private final Handler handler;
    private final KafkaConsumer<String, byte[]> consumer;
    private final Lifecycle lifecycle;
    private final Map<TopicPartition, Long> resumeAt = new HashMap<>();
    private final Thread thread;
    private volatile boolean running = true;
    private volatile Throwable failure;

    private KafkaPurgeSubscriber(Options options, Handler handler) {
        this.options = options;
        this.handler = handler;
        this.lifecycle = Lifecycle.running("the purge subscriber of " + options.region());
        KafkaSettings kafka = KafkaSettings.of(options.bootstrapServers(), options.kafkaOverrides(),
                options.groupId());
        this.consumer = KafkaClients.consumer(kafka, null, options.groupId(), Map.of(), new StringDeserializer(),
                new ByteArrayDeserializer());
        this.thread = new Thread(this::run, "ripple-purge-subscriber-" + options.region());
    }

    /** @see PurgeSubscriber#start */
    public static KafkaPurgeSubscriber start(Options options, Handler handler) {
        KafkaPurgeSubscriber subscriber = new KafkaPurgeSubscriber(options, handler);
        subscriber.thread.start();
        return subscriber;
    }

    private void run() {
        try {
            consumer.subscribe(List.of(options.topics().purge(options.region())));
            while (running) {
                resumeDue();
                ConsumerRecords<String, byte[]> records = consumer.poll(Duration.ofMillis(100));
                Map<TopicPartition, OffsetAndMetadata> handled = new HashMap<>();
                for (TopicPartition partition : records.partitions()) {
                    for (ConsumerRecord<String, byte[]> record : records.records(partition)) {
                        if (!handle(record)) {
                            // read it again once the backoff is over; nothing after it is handled before
                            consumer.seek(partition, record.offset());
                            consumer.pause(List.of(partition));
                            resumeAt.put(partition, System.nanoTime() + options.retryBackoff().toNanos());
                            break;
                        }
                        handled.put(partition, new OffsetAndMetadata(record.offset() + 1));
                    }
                }
                if (!handled.isEmpty()) {
                    consumer.commitSync(handled);
                }
            }
        } catch (WakeupException e) {
            if (running) {
                fail(e);
            }
        } catch (RuntimeException e) {
            fail(e);
        } finally {
            consumer.close(Duration.ofSeconds(5));
        }
    }

    private void fail(RuntimeException e) {
        failure = e;
        lifecycle.toIfLegal(State.FAILED);
        log.error("Purge subscriber of {} stopped: {}", options.region(), e.toString(), e);
    }

    private void resumeDue() {
        long now = System.nanoTime();
        resumeAt.entrySet().removeIf(entry -> {
            if (now - entry.getValue() < 0) {
                return false;
            }
            if (consumer.assignment().contains(entry.getKey())) {
                consumer.resume(List.of(entry.getKey()));
            }
            return true;
        });
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
        running = false;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lifecycle.transition(State.STOPPING, State.STOPPED);
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
