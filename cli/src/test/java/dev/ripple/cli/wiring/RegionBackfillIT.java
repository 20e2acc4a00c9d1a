package dev.ripple.cli.wiring;

import static org.awaitility.Awaitility.await;

import dev.ripple.config.ConfigImport;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.RedisProcess;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.embedded.junit.RedisExtension;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventJson;
import dev.ripple.events.EventMeta;
import dev.ripple.events.TopicNames;
import dev.ripple.propagator.Propagator;
import dev.ripple.replica.RedisStoreConfig;
import dev.ripple.replica.ReplicaStore;
import dev.ripple.replica.ReplicaService;
import dev.ripple.replica.StoredObject;
import dev.ripple.runtime.kafka.KafkaSettings;
import dev.ripple.runtime.lifecycle.State;
import dev.ripple.testsupport.TestKeys;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.UUID;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * A region added to the config at run time is backfilled (DESIGN.md 7.1): its applier, wired as every part is
 * ({@link ReplicaPart}), finds its store empty and fills it from the latest-state topics, routed by the rules in
 * force, before it applies anything; writes from before the region existed then read at their latest revision,
 * and writes after it arrive live.
 */
@ExtendWith({KafkaExtension.class, RedisExtension.class})
class RegionBackfillIT {
    private static final TopicNames TOPICS = new TopicNames("backfill");
    private static final int KEYS = 300;
    private static final String CONFIG = """
            regions: [{name: eqiad}]
            streams: [{name: edits}]
            rules:
              - {name: everything, streams: [edits], match: {key: "^.+$"}, replicate: {regions: ["*"]}}
            """;

    @Test
    void shouldFillARegionAddedAtRunTimeWithTheLatestStateOfItsStreams(EmbeddedKafka kafka, RedisProcess redis)
            throws Exception {
        Clock clock = Clock.systemUTC();
        SessionTokenCodec tokens = TestKeys.codec("backfill");
        try (ConfigStore store = ConfigStore.inMemory()) {
            ConfigImport.importText(store, CONFIG, false);
            try (ConfigView view = ConfigView.open(store, clock)) {
                PartContext context = PartContext.of(KafkaSettings.of(kafka.bootstrapServers()), clock)
                        .withTopics(TOPICS).withConfig(view).withTokens(tokens).withRedis(redis.uri());
                try (PropagatorPart propagator = PropagatorPart.start(context, config -> config);
                        ReplicaPart eqiad = ReplicaPart.start(context, List.of(region("eqiad", redis)), o -> o);
                        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                                kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer());
                        ReplicaStore eqiadStore = store("eqiad", redis);
                        ReplicaStore codfwStore = store("codfw", redis)) {
                    Propagator running = propagator.propagator();
                    await().atMost(Duration.ofSeconds(90)).until(() -> running.state() == State.RUNNING);

                    // given keys written while only eqiad exists, a third of them twice
                    for (int i = 0; i < KEYS; i++) {
                        publish(producer, "k" + i, 1);
                    }
                    for (int i = 0; i < KEYS; i += 3) {
                        publish(producer, "k" + i, 2);
                    }
                    await().atMost(Duration.ofSeconds(60)).until(() -> revision(eqiadStore, "k0") == 2
                            && revision(eqiadStore, "k" + (KEYS - 1)) == 1);

                    // when region codfw is added to the config and its replica starts
                    ConfigImport.importText(store, CONFIG.replace("regions: [{name: eqiad}]",
                            "regions: [{name: eqiad}, {name: codfw}]"), false);
                    await().atMost(Duration.ofSeconds(30)).until(() -> view.snapshot().regions().containsKey("codfw"));
                    try (ReplicaPart codfw = ReplicaPart.start(context, List.of(region("codfw", redis)), o -> o)) {

                        // then codfw holds every key at its latest revision, though none was routed to it then
                        await().atMost(Duration.ofSeconds(60)).until(() -> {
                            for (int i = 0; i < KEYS; i++) {
                                if (revision(codfwStore, "k" + i) != (i % 3 == 0 ? 2 : 1)) {
                                    return false;
                                }
                            }
                            return true;
                        });
                        await().atMost(Duration.ofSeconds(10)).until(() ->
                                codfw.appliers().get(0).position().rebuilding().isEmpty());

                        // and a write after it was added arrives live
                        publish(producer, "k1", 3);
                        await().atMost(Duration.ofSeconds(60)).until(() -> revision(codfwStore, "k1") == 3);
                    }
                }
            }
        }
    }

    private static ReplicaService.Region region(String name, RedisProcess redis) {
        return new ReplicaService.Region(name, redis.uri(), List.of());
    }

    private static ReplicaStore store(String region, RedisProcess redis) {
        return ReplicaStore.redis(region, RedisStoreConfig.defaults(redis.uri()).withKeyPrefix(TOPICS.prefix()));
    }

    private static void publish(KafkaProducer<String, byte[]> producer, String key, long revision) throws Exception {
        EventMeta meta = new EventMeta(UUID.randomUUID().toString(), Instant.now(), "edits", null, "en.example.org",
                null, null);
        producer.send(new ProducerRecord<>(TOPICS.stream("edits"), key, EventJson.mapper().writeValueAsBytes(
                EditEvent.upsert(meta, key, revision, "text/plain", key + " r" + revision)))).get();
    }

    /** The key's revision in the store, or -1 while it holds none. */
    private static long revision(ReplicaStore store, String key) {
        int partition = Utils.toPositive(Utils.murmur2(key.getBytes(StandardCharsets.UTF_8))) % 6;
        StoredObject object = store.read(partition, key).toCompletableFuture().join().found().orElse(null);
        return object == null ? -1 : Objects.requireNonNullElse(object.revision(), -1L);
    }
}
