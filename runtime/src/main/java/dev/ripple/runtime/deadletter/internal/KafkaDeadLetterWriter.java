package dev.ripple.runtime.deadletter.internal;

import dev.ripple.events.DeadLetterRecord;
import dev.ripple.events.FailedRecord;
import dev.ripple.runtime.deadletter.DeadLetter;
import dev.ripple.runtime.deadletter.DeadLetterEncoder;
import dev.ripple.runtime.deadletter.DeadLetterWriter;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link DeadLetterWriter} on a Kafka producer; see there. */
public final class KafkaDeadLetterWriter implements DeadLetterWriter {
    private static final Logger log = LoggerFactory.getLogger(KafkaDeadLetterWriter.class);
    private static final long RESEND_MS = 1_000;

    private final Producer<String, byte[]> producer;
    private final String topic;
    private final DeadLetterEncoder encoder;
    private final ScheduledExecutorService resends;
    private final boolean ownScheduler;
    private final AtomicInteger pending = new AtomicInteger();

    /**
     * @param scheduler resends failed sends, or null for a thread of the writer's own
     * @see DeadLetterWriter#kafka
     */
    public KafkaDeadLetterWriter(Producer<String, byte[]> producer, String topic, DeadLetterEncoder encoder,
            ScheduledExecutorService scheduler) {
        this.producer = producer;
        this.topic = topic;
        this.encoder = encoder;
        this.ownScheduler = scheduler == null;
        this.resends = scheduler != null ? scheduler : Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ripple-dead-letters-" + topic);
            thread.setDaemon(true);
            return thread;
        });
    }

    @Override
    public String topic() {
        return topic;
    }

    @Override
    public CompletableFuture<Void> send(DeadLetter letter) {
        CompletableFuture<Void> acknowledged = new CompletableFuture<>();
        pending.incrementAndGet();
        acknowledged.whenComplete((done, error) -> pending.decrementAndGet());
        DeadLetterRecord record = encoder.encode(letter);
        send(letter.original(), new ProducerRecord<>(topic, null, record.original().key(), record.value(),
                record.headers()), acknowledged);
        return acknowledged;
    }

    @Override
    public int pending() {
        return pending.get();
    }

    private void send(FailedRecord original, ProducerRecord<String, byte[]> record,
            CompletableFuture<Void> acknowledged) {
        try {
            producer.send(record, (metadata, error) -> {
                if (error == null) {
                    acknowledged.complete(null);
                } else {
                    log.error("Could not write {} to {}: {}; trying again in 1 s", original, topic, error.toString());
                    later(original, record, acknowledged);
                }
            });
        } catch (RuntimeException e) {
            log.error("Could not hand {} to the producer for {}: {}; trying again in 1 s", original, topic,
                    e.toString());
            later(original, record, acknowledged);
        }
    }

    private void later(FailedRecord original, ProducerRecord<String, byte[]> record,
            CompletableFuture<Void> acknowledged) {
        try {
            resends.schedule(() -> send(original, record, acknowledged), RESEND_MS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
            // closing: the record stays uncommitted and is read again after a restart
        }
    }

    @Override
    public void close() {
        if (ownScheduler) {
            resends.shutdownNow();
        }
    }
}
