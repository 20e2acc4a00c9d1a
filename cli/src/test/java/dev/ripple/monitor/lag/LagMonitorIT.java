package dev.ripple.monitor.lag;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.testsupport.TestTopics;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Exact lag and status on a real broker: idle, stopped while records arrive, restarted. */
@ExtendWith(KafkaExtension.class)
class LagMonitorIT {
    private static final Duration INTERVAL = Duration.ofMillis(200);
    private static final int WINDOW = 5;

    private EmbeddedKafka kafka;
    private String topic;
    private String groupId;
    private LagMonitor monitor;
    private KafkaProducer<String, String> producer;

    @BeforeEach
    void setUp(EmbeddedKafka kafka) throws Exception {
        this.kafka = kafka;
        String ns = "lagit" + UUID.randomUUID().toString().substring(0, 8);
        topic = ns + ".replicate.eqiad";
        groupId = ns + "-replica-eqiad";
        TestTopics.create(kafka.bootstrapServers(), 1, topic);
        producer = new KafkaProducer<>(Map.of(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ProducerConfig.ACKS_CONFIG, "all"), new StringSerializer(), new StringSerializer());
        monitor = LagMonitor.start(LagMonitorConfig.defaults(kafka.bootstrapServers())
                .withGroupPrefixes(List.of(ns + "-")).withSampling(INTERVAL, WINDOW), Clock.systemUTC());
    }

    @AfterEach
    void tearDown() {
        monitor.close();
        producer.close();
    }

    @Test
    void shouldStayAtZeroAndOkWhileTheConsumerIsStoppedAndTheTopicIdle() throws Exception {
        // given a consumer that read everything, committed and stopped
        send(3, System.currentTimeMillis());
        consumeAndStop(3);

        // when the topic stays idle for more than a full window of samples
        await().atMost(Duration.ofSeconds(15)).until(() -> monitor.history(groupId).size() >= WINDOW + 3);

        // then every sample shows zero lag, zero time lag and OK
        GroupLag group = monitor.snapshot().group(groupId).orElseThrow();
        assertThat(group.members()).isZero();
        assertThat(group.status()).isEqualTo(LagStatus.OK);
        assertThat(monitor.history(groupId)).allSatisfy(point -> {
            assertThat(point.lag()).isZero();
            assertThat(point.timeLagMs()).isZero();
            assertThat(point.status()).isEqualTo(LagStatus.OK);
        });
    }

    @Test
    void shouldGrowTimeLagWithTheFirstUnconsumedRecordsAgeAndStopThenDrainToOkAfterRestart() throws Exception {
        // given a consumer that read one record and stopped
        send(1, System.currentTimeMillis());
        consumeAndStop(1);

        // when records keep arriving, the first of them written 30 s ago (its timestamp says so)
        long firstWritten = System.currentTimeMillis() - 30_000;
        send(1, firstWritten);
        send(4, System.currentTimeMillis());

        // then time lag is that record's age (±1 s), grows with it, and the status becomes STOP
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            GroupLag group = monitor.snapshot().group(groupId).orElseThrow();
            assertThat(group.lag()).isEqualTo(5);
            assertThat(group.status()).isEqualTo(LagStatus.STOP);
        });
        long firstAge = assertTimeLagIsAgeOf(firstWritten);
        await().atMost(Duration.ofSeconds(10)).until(() -> timeLag() >= firstAge + 1_000);
        assertTimeLagIsAgeOf(firstWritten);
        assertThat(monitor.snapshot().group(groupId).orElseThrow().reason()).contains("no live member", "lag 5");

        // when the consumer comes back and drains the partition
        consumeAndStop(5);

        // then the group is caught up and OK again, with zero lag and zero time lag
        await().atMost(Duration.ofSeconds(15)).untilAsserted(() -> {
            GroupLag group = monitor.snapshot().group(groupId).orElseThrow();
            assertThat(group.status()).isEqualTo(LagStatus.OK);
            assertThat(group.lag()).isZero();
            assertThat(group.timeLagMs()).isZero();
        });
    }

    /** Asserts that time lag equals now minus {@code written}, within 1 s; returns it. */
    private long assertTimeLagIsAgeOf(long written) {
        LagSnapshot snapshot = monitor.snapshot();
        long timeLag = snapshot.group(groupId).orElseThrow().timeLagMs();
        assertThat(timeLag).isCloseTo(snapshot.at().toEpochMilli() - written, org.assertj.core.data.Offset.offset(0L));
        assertThat(timeLag).isCloseTo(System.currentTimeMillis() - written, org.assertj.core.data.Offset.offset(1_000L));
        return timeLag;
    }

    private long timeLag() {
        return monitor.snapshot().group(groupId).map(GroupLag::timeLagMs).orElse(0L);
    }

    private void send(int count, long timestamp) throws Exception {
        for (int i = 0; i < count; i++) {
            producer.send(new ProducerRecord<>(topic, 0, timestamp, "k" + i, "v" + i)).get(10, TimeUnit.SECONDS);
        }
    }

    /** Subscribes as the group, reads {@code count} records, commits and leaves. */
    private void consumeAndStop(int count) {
        try (KafkaConsumer<String, String> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.GROUP_ID_CONFIG, groupId,
                ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                ConsumerConfig.ENABLE_AUTO_COMMIT_CONFIG, false), new StringDeserializer(), new StringDeserializer())) {
            consumer.subscribe(List.of(topic));
            int[] read = {0};
            await().atMost(Duration.ofSeconds(20)).until(() -> {
                read[0] += consumer.poll(Duration.ofMillis(100)).count();
                return read[0] >= count;
            });
            consumer.commitSync();
        }
    }
}
