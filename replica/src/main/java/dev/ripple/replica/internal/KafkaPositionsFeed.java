package dev.ripple.replica.internal;

import dev.ripple.events.EventSerdes;
import dev.ripple.events.TopicNames;
import dev.ripple.replica.PositionsFeed;
import dev.ripple.replica.RegionPositions;
import dev.ripple.runtime.kafka.ConsumerGroups;
import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import dev.ripple.runtime.lifecycle.State;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.PartitionInfo;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.errors.WakeupException;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link PositionsFeed} with a plain assigned consumer. */
public final class KafkaPositionsFeed implements PositionsFeed {
    private static final Logger log = LoggerFactory.getLogger(KafkaPositionsFeed.class);

    private final KafkaConsumer<String, byte[]> consumer;
    private final String topic;
    private final RegionPositions target;
    private final AtomicLong received = new AtomicLong();
    private final Thread thread;
    private volatile boolean stopping;

    private KafkaPositionsFeed(KafkaConsumer<String, byte[]> consumer, String topic, RegionPositions target) {
        this.consumer = consumer;
        this.topic = topic;
        this.target = target;
        this.thread = new Thread(this::run, "ripple-positions-feed");
        this.thread.setDaemon(true);
    }

    public static KafkaPositionsFeed start(String bootstrapServers, TopicNames topics, Map<String, String> overrides,
            RegionPositions target) {
        KafkaSettings kafka = KafkaSettings.of(bootstrapServers, overrides,
                ConsumerGroups.of(topics).of("positions-feed"));
        KafkaPositionsFeed feed = new KafkaPositionsFeed(KafkaClients.consumer(kafka, null, null, Map.of(),
                new StringDeserializer(), new ByteArrayDeserializer()), topics.positions(), target);
        feed.thread.start();
        return feed;
    }

    private void run() {
        try {
            while (!stopping && !assign()) {
                consumer.poll(Duration.ofSeconds(1));
            }
            while (!stopping) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(500))) {
                    offer(record);
                }
            }
        } catch (WakeupException e) {
            // closing
        } catch (RuntimeException e) {
            log.error("Following {} failed; positions of other regions are no longer updated here: {}", topic,
                    e.toString(), e);
        } finally {
            consumer.close();
        }
    }

    private boolean assign() {
        List<PartitionInfo> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(5));
        if (partitions == null || partitions.isEmpty()) {
            return false;
        }
        List<TopicPartition> all = partitions.stream().map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(all);
        consumer.seekToBeginning(all);
        log.info("Following {} ({} partitions)", topic, all.size());
        return true;
    }

    private void offer(ConsumerRecord<String, byte[]> record) {
        if (dev.ripple.events.RegionPosition.isPurgePosition(record.key())) {
            return; // a cache purger's position: not what the region has applied
        }
        if (record.value() == null) {
            return;
        }
        try {
            target.offer(EventSerdes.regionPosition().deserialize(topic, record.value()));
            received.incrementAndGet();
        } catch (SerializationException | IllegalArgumentException e) {
            log.warn("Skipping an unreadable position at {}-{}@{}: {}", topic, record.partition(), record.offset(),
                    e.getMessage());
        }
    }

    @Override
    public State state() {
        return thread.isAlive() ? State.RUNNING : stopping ? State.STOPPED : State.FAILED;
    }

    @Override
    public long received() {
        return received.get();
    }

    @Override
    public void close() {
        stopping = true;
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

}
