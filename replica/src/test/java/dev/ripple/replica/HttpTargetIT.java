package dev.ripple.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.RedisProcess;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.embedded.junit.RedisExtension;
import dev.ripple.events.DeadLetterRecord;
import dev.ripple.events.Op;
import dev.ripple.events.RegionRecord;
import dev.ripple.events.TopicNames;
import dev.ripple.runtime.lifecycle.State;
import dev.ripple.testsupport.TestTopics;
import io.javalin.Javalin;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** HTTP replica targets: the record is delivered with its dot and revision; failures pause, never skip. */
@ExtendWith({KafkaExtension.class, RedisExtension.class})
class HttpTargetIT {
    private final List<String> received = new CopyOnWriteArrayList<>();
    /** Each PUT's path as RFC 3986 decodes it (percent escapes only: a {@code +} in a path is a plus). */
    private final List<String> putPaths = new CopyOnWriteArrayList<>();
    private final AtomicInteger status = new AtomicInteger(204);
    /** The one key the target answers 400 for. */
    private static final String REFUSED_KEY = "refused";
    private final SimpleMeterRegistry meters = new SimpleMeterRegistry();
    private Javalin target;
    private TopicNames topics;
    private ReplicaStore store;
    private ReplicaApplier applier;
    private KafkaProducer<String, RegionRecord> producer;

    @BeforeEach
    void setUp(EmbeddedKafka kafka, RedisProcess redis) {
        target = Javalin.create(config -> {
            config.startup.showJavalinBanner = false;
            config.jetty.host = "127.0.0.1";
            config.jetty.port = 0;
            config.routes.put("/replica/<key>", ctx -> {
                putPaths.add(URI.create(ctx.req().getRequestURI()).getPath());
                received.add("PUT " + ctx.pathParam("key") + " " + ctx.header("Ripple-Dot") + " rev="
                        + ctx.header("Ripple-Revision") + " " + ctx.body());
                ctx.status(REFUSED_KEY.equals(ctx.pathParam("key")) ? 400 : status.get());
            });
            config.routes.delete("/replica/<key>", ctx -> {
                received.add("DELETE " + ctx.pathParam("key") + " " + ctx.header("Ripple-Dot"));
                ctx.status(status.get());
            });
        }).start();
        String prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
        topics = new TopicNames(prefix);
        TestTopics.create(kafka.bootstrapServers(), 2, topics.replicate("esams"));
        store = ReplicaStore.redis("esams", RedisStoreConfig.defaults(redis.uri()).withKeyPrefix(prefix));
        applier = ReplicaApplier.create(ReplicaConfig.defaults("esams", kafka.bootstrapServers()).withTopics(topics)
                .withPartitions(2).withGroupId(prefix + ".esams")
                .withHttpTargets(List.of(URI.create("http://127.0.0.1:" + target.port() + "/replica/")),
                        HttpTargetConfig.defaults().withRetry(2, Duration.ofMillis(10))
                                .withBreaker(50, 4, 2, Duration.ofMillis(500)))
                .withLimits(ReplicaLimits.defaults().withRetryBackoff(Duration.ofMillis(50))), store, Clock.systemUTC());
        applier.metrics().bindTo(meters);
        producer = Kafka.regionProducer(kafka.bootstrapServers());
        applier.start();
    }

    @AfterEach
    void tearDown() {
        producer.close();
        applier.close();
        store.close();
        target.stop();
    }

    @Test
    void shouldPutAndDeleteAtTheTargetWithTheDotAndRevisionBeforeTheStoreHasIt() {
        // when an upsert and a delete of one key arrive, and the target answers 204 then 412 (it had something newer)
        send(Records.upsert("enwiki:A/B", 1, 10, 7L, "v7"));
        await().atMost(Duration.ofSeconds(20)).until(() -> received.size() == 1);
        status.set(412);
        send(Records.delete("enwiki:A/B", 1, 11, 8L));

        // then the target got both, in order, with dot and revision, and the store applied both
        await().atMost(Duration.ofSeconds(20)).until(() -> applier.position().applied().offset(
                dev.ripple.consistency.TopicPartitionKey.of(Records.TOPIC, 1)) == 11);
        assertThat(received).containsExactly(
                "PUT enwiki:A/B " + Records.TOPIC + ":1@10 rev=7 v7",
                "DELETE enwiki:A/B " + Records.TOPIC + ":1@11");
        assertThat(store.read(1, "enwiki:A/B").toCompletableFuture().join().found().orElseThrow().deleted()).isTrue();
    }

    @Test
    void shouldSendAKeyWithASpaceAndOneWithAPlusToTwoPathsThatDecodeToThemExactly() {
        // when keys that differ only in a space and a plus arrive (a form encoding would send both as "+")
        send(Records.upsert("talk:a b", 1, 20, 1L, "space"));
        send(Records.upsert("talk:a+b", 1, 21, 1L, "plus"));
        await().atMost(Duration.ofSeconds(20)).until(() -> putPaths.size() == 2);

        // then each path decodes to its own key, as any RFC 3986 server reads it
        assertThat(putPaths).containsExactly("/replica/talk:a b", "/replica/talk:a+b");
    }

    @Test
    void shouldHoldThePartitionWhileTheTargetFailsOpenTheBreakerAndLoseNothing() {
        // given a target that answers 503
        status.set(503);

        // when three records arrive
        for (int offset = 0; offset < 3; offset++) {
            send(Records.record("k" + offset, Op.UPSERT, 0, offset, null, "v" + offset,
                    dev.ripple.consistency.Position.empty(1)));
        }

        // then nothing is applied, the breaker opens, and the partition is paused
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Meters.value(meters, ReplicaMetricNames.TARGET_BREAKER) == 1);
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Meters.value(meters, ReplicaMetricNames.FAILURES, "cause", "breaker-open") > 0);
        assertThat(Meters.value(meters, ReplicaMetricNames.PAUSED_PARTITIONS)).isPositive();
        assertThat(store.read(0, "k0").toCompletableFuture().join().found()).isEmpty();

        // when the target recovers
        status.set(200);

        // then all three are applied in order, and the breaker closes
        await().atMost(Duration.ofSeconds(20)).until(() -> store.read(0, "k2").toCompletableFuture().join()
                .found().isPresent());
        assertThat(received.stream().filter(r -> !r.contains(" 503")).toList()).isNotEmpty();
        List<String> order = received.stream().map(r -> r.split(" ")[1]).distinct().toList();
        assertThat(order).containsExactly("k0", "k1", "k2");
        await().atMost(Duration.ofSeconds(20)).until(() ->
                Meters.value(meters, ReplicaMetricNames.TARGET_BREAKER) == 0);
    }

    @Test
    void shouldDeadLetterARecordTheTargetRefusesAndApplyTheNextOnes(EmbeddedKafka kafka) {
        // given a target that answers 400 for one key
        // when that key's record arrives between two others
        send(Records.upsert("k0", 0, 0, 1L, "v0"));
        send(Records.upsert(REFUSED_KEY, 0, 1, 1L, "bad"));
        send(Records.upsert("k2", 0, 2, 1L, "v2"));

        // then the records after it are applied, and the applier keeps running
        await().atMost(Duration.ofSeconds(30)).until(() -> store.read(0, "k2").toCompletableFuture().join()
                .found().isPresent());
        assertThat(applier.state()).isEqualTo(State.RUNNING);
        assertThat(received.stream().filter(r -> r.startsWith("PUT " + REFUSED_KEY + " "))).hasSize(1);

        // and the refused record is in the region's dead-letter topic: its key, why, after one attempt
        String dlq = topics.dlq("replica.esams");
        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> letters = readAll(kafka, dlq);
        assertThat(letters).hasSize(1);
        assertThat(letters.get(0).key()).isEqualTo(REFUSED_KEY);
        DeadLetterRecord letter = DeadLetterRecord.read(letters.get(0).key(), letters.get(0).value(),
                letters.get(0).headers());
        assertThat(letter.reason()).contains("answered 400");
        assertThat(letter.attempts()).isEqualTo(1);
        assertThat(letter.consumer()).isEqualTo("replica.esams");
        assertThat(letter.original().topic()).isEqualTo(topics.replicate("esams"));
        assertThat(letter.original().partition()).isZero();
        assertThat(letter.original().offset()).isEqualTo(1);
        assertThat(letter.original().key()).isEqualTo(REFUSED_KEY);
        assertThat(dev.ripple.events.EventSerdes.regionRecord().deserialize(dlq, letter.original().value()))
                .isInstanceOfSatisfying(dev.ripple.events.ReplicationRecord.class,
                        r -> assertThat(r.key()).isEqualTo(REFUSED_KEY));
    }

    private static List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> readAll(
            EmbeddedKafka kafka, String topic) {
        List<org.apache.kafka.clients.consumer.ConsumerRecord<String, byte[]>> out = new CopyOnWriteArrayList<>();
        try (org.apache.kafka.clients.consumer.KafkaConsumer<String, byte[]> consumer =
                new org.apache.kafka.clients.consumer.KafkaConsumer<>(Map.of(
                        "bootstrap.servers", kafka.bootstrapServers(), "group.id", "reader-" + UUID.randomUUID(),
                        "auto.offset.reset", "earliest"),
                        new org.apache.kafka.common.serialization.StringDeserializer(),
                        new org.apache.kafka.common.serialization.ByteArrayDeserializer())) {
            consumer.subscribe(List.of(topic));
            await().atMost(Duration.ofSeconds(30)).until(() -> {
                consumer.poll(Duration.ofMillis(200)).forEach(out::add);
                return !out.isEmpty();
            });
            consumer.poll(Duration.ofMillis(500)).forEach(out::add); // nothing more is expected
        }
        return out;
    }

    private void send(RegionRecord record) {
        String key = record instanceof dev.ripple.events.ReplicationRecord r ? r.key() : "w";
        Kafka.send(producer, topics.replicate("esams"), key, record);
    }
}
