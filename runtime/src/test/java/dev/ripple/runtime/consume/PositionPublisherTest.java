package dev.ripple.runtime.consume;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.consistency.Position;
import dev.ripple.events.RegionPosition;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.MockProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;

class PositionPublisherTest {
    private static final RegionPosition POSITION = new RegionPosition("codfw", Position.empty(1), Map.of(),
            Instant.parse("2026-01-01T00:00:00Z"));
    private final MockProducer<String, String> producer = new MockProducer<>(true, null, new StringSerializer(),
            new StringSerializer());
    private final AtomicInteger acknowledged = new AtomicInteger();
    private final PositionPublisher<String> publisher = new PositionPublisher<>("test", producer,
            position -> position.region(), "ripple.positions", "purge:codfw", Duration.ofMillis(100),
            acknowledged::incrementAndGet);

    @Test
    void shouldPublishAChangeAtMostOncePerIntervalUnlessForced() {
        // a first version goes at once, under the key
        assertThat(publisher.publish(1, () -> POSITION, 0, false)).isTrue();
        // the same version never goes again, even forced
        assertThat(publisher.publish(1, () -> POSITION, 500, true)).isFalse();
        // a change within the interval waits, then goes
        assertThat(publisher.publish(2, () -> POSITION, 50, false)).isFalse();
        assertThat(publisher.publish(2, () -> POSITION, 100, false)).isTrue();
        // a forced change goes within the interval (on close)
        assertThat(publisher.publish(3, () -> POSITION, 101, true)).isTrue();

        assertThat(producer.history()).extracting(ProducerRecord::key).containsExactly("purge:codfw", "purge:codfw",
                "purge:codfw");
        assertThat(producer.history()).extracting(ProducerRecord::topic).containsOnly("ripple.positions");
        assertThat(acknowledged).hasValue(3);
    }
}
