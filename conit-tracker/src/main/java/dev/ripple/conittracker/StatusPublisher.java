package dev.ripple.conittracker;

import dev.ripple.events.ConitStatus;
import dev.ripple.events.EventSerdes;
import java.util.Collection;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes conit statuses on {@code ripple.conit-status}, keyed by conit, and a conit's removal as a tombstone,
 * sent again at each publication until Kafka acknowledges it. A publication stops at the first record the producer
 * could not take within its {@code max.block.ms} (no metadata: the broker is away), so the tracker's thread blocks
 * once per publication at most; a status it skipped is published again when it changes or at its next heartbeat.
 * Called by the tracker's thread only; acknowledgements arrive on the producer's.
 */
final class StatusPublisher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(StatusPublisher.class);

    private final KafkaProducer<String, byte[]> producer;
    private final String topic;
    /** Conits removed whose removal Kafka has not acknowledged yet. */
    private final Set<String> unsentRemovals = ConcurrentHashMap.newKeySet();

    StatusPublisher(KafkaProducer<String, byte[]> producer, String topic) {
        this.producer = producer;
        this.topic = topic;
    }

    /**
     * Publishes {@code due}, then the removals not acknowledged yet: those of {@code removed} and earlier ones, but
     * for a conit of {@code configured} (one configured again is no longer removed).
     */
    void publish(List<ConitStatus> due, Collection<String> removed, Collection<String> configured) {
        unsentRemovals.addAll(removed);
        unsentRemovals.removeAll(configured);
        boolean sent = true;
        for (ConitStatus status : due) {
            sent = sent && send(status.conit(), EventSerdes.conitStatus().serialize(topic, status));
        }
        for (String conit : List.copyOf(unsentRemovals)) {
            sent = sent && send(conit, null);
        }
    }

    /** False when the producer could not take the record: the caller sends no more this publication. */
    private boolean send(String conit, byte[] value) {
        Future<RecordMetadata> sent = producer.send(new ProducerRecord<>(topic, conit, value), (metadata, error) -> {
            if (error == null && value == null) {
                unsentRemovals.remove(conit);
            }
        });
        if (!sent.isDone()) {
            return true;
        }
        try {
            sent.get();
            return true;
        } catch (ExecutionException e) {
            log.debug("Status of conit {} not published: {}", conit, e.getCause().toString());
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    @Override
    public void close() {
        producer.close();
    }
}
