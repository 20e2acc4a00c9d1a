package dev.ripple.runtime.consume;

import dev.ripple.events.RegionPosition;
import java.time.Duration;
import java.util.Objects;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Publishes what a loop has made durable, as a {@link RegionPosition} under one key of {@code ripple.positions}: only
 * when it changed, and at most once per interval unless forced (on close). A failed send is logged; the next change
 * is published again. Loop thread only.
 *
 * @param <V> the producer's value type ({@code encode} turns a position into it)
 */
public final class PositionPublisher<V> {
    private static final Logger log = LoggerFactory.getLogger(PositionPublisher.class);

    private final String name;
    private final Producer<String, V> producer;
    private final Function<RegionPosition, V> encode;
    private final String topic;
    private final String key;
    private final long intervalMs;
    private final Runnable onPublished;
    private long publishedVersion = Long.MIN_VALUE;
    private long lastPublishMs = Long.MIN_VALUE / 2;

    /**
     * @param name names the publisher in log lines
     * @param topic the positions topic
     * @param key the record key (the region, or {@code purge:<region>})
     * @param interval the least time between two publications
     * @param onPublished run when Kafka acknowledged a publication (on the producer's thread)
     */
    public PositionPublisher(String name, Producer<String, V> producer, Function<RegionPosition, V> encode,
            String topic, String key, Duration interval, Runnable onPublished) {
        this.name = Objects.requireNonNull(name, "name");
        this.producer = Objects.requireNonNull(producer, "producer");
        this.encode = Objects.requireNonNull(encode, "encode");
        this.topic = Objects.requireNonNull(topic, "topic");
        this.key = Objects.requireNonNull(key, "key");
        this.intervalMs = interval.toMillis();
        this.onPublished = Objects.requireNonNull(onPublished, "onPublished");
    }

    /**
     * When {@link #publish} would next send {@code version} unforced: {@link Long#MAX_VALUE} if it is the version
     * published last, else once the interval since the last publication has passed.
     */
    public long nextPublishMs(long version) {
        return version == publishedVersion ? Long.MAX_VALUE : lastPublishMs + intervalMs;
    }

    /**
     * Publishes {@code position} if {@code version} differs from the last published one and the interval has
     * passed (or {@code force}); returns whether it sent.
     */
    public boolean publish(long version, Supplier<RegionPosition> position, long nowMs, boolean force) {
        if (version == publishedVersion || (!force && nowMs - lastPublishMs < intervalMs)) {
            return false;
        }
        producer.send(new ProducerRecord<>(topic, key, encode.apply(position.get())), (metadata, error) -> {
            if (error == null) {
                onPublished.run();
            } else {
                log.warn("{}: could not publish its position ({}); the next change is published again", name,
                        error.toString());
            }
        });
        publishedVersion = version;
        lastPublishMs = nowMs;
        return true;
    }
}
