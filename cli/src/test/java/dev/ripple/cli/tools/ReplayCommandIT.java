package dev.ripple.cli.tools;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.cli.Cli;
import dev.ripple.cli.up.RippleUp;
import dev.ripple.cli.up.UpEndpoints;
import dev.ripple.cli.up.UpFile;
import dev.ripple.config.ConfigKeys;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.EtcdOptions;
import dev.ripple.embedded.EtcdProcess;
import dev.ripple.embedded.junit.EtcdExtension;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.RegionRecord;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.TopicNames;
import dev.ripple.testsupport.CommandRun;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ripple replay} on a running {@code ripple up} (config in etcd): keys deleted by hand from one region's
 * Redis come back from the latest-state topics, exactly those selected, only in that region, at the given rate.
 */
@ExtendWith(EtcdExtension.class)
class ReplayCommandIT {
    private static final String[] REGIONS = {"eqiad", "codfw", "esams"};
    private static final int KEYS = 20;
    private static final TopicNames TOPICS = TopicNames.defaults();
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldBringBackExactlyThePrefixInOneRegionAtItsHighestRevisionAndAtTheGivenRate(EtcdProcess etcd,
            @TempDir Path home) throws Exception {
        // given ripple up on the demo config in etcd, and keys under two prefixes at revision 2 in every region
        try (ConfigStore store = ConfigStore.etcd(EtcdOptions.of(etcd.endpoint()))) {
            store.deletePrefix(ConfigKeys.ROOT);
        }
        RippleUp up = new RippleUp(new RippleUp.Options("127.0.0.1", 0, new UpFile(home.resolve("up.json")),
                etcd.endpoint()), Clock.systemUTC());
        UpEndpoints endpoints = up.start();
        RedisClient client = RedisClient.create(endpoints.redis());
        try (up; StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> redis = connection.sync();
            for (int revision = 1; revision <= 2; revision++) {
                for (int i = 0; i < KEYS; i++) {
                    publish(endpoints.http(), "enwiki:A_" + i, revision);
                    publish(endpoints.http(), "enwiki:B_" + i, revision);
                }
            }
            for (String region : REGIONS) {
                await().atMost(Duration.ofSeconds(60)).until(() -> revisions(redis, region, "enwiki:").size()
                        == 2 * KEYS && revisions(redis, region, "enwiki:").values().stream().allMatch("2"::equals));
            }

            // and codfw lost both prefixes (deleted by hand)
            for (String prefix : List.of("enwiki:A_", "enwiki:B_")) {
                redis.del(redis.keys("ripple:{codfw:*}:obj:" + prefix + "*").toArray(String[]::new));
            }
            assertThat(revisions(redis, "codfw", "enwiki:")).isEmpty();
            Map<TopicPartition, Long> before = endOffsets(endpoints.kafka());

            String[] common = {"--bootstrap-servers", endpoints.kafka(), "--etcd", etcd.endpoint()};
            CommandRun unknown = ripple(common, "replay", "--region", "ulsfo", "--prefix", "enwiki:A_");
            assertThat(unknown.exitCode()).isEqualTo(2);
            assertThat(unknown.err()).contains("Unknown region 'ulsfo'", "[codfw, eqiad, esams]");

            // when a dry run counts the A keys for codfw
            CommandRun dryRun = ripple(common, "replay", "--region", "codfw", "--prefix", "enwiki:A_", "--dry-run");

            // then it names the count and sends nothing
            assertThat(dryRun.exitCode()).as(dryRun.err()).isEqualTo(0);
            assertThat(dryRun.out()).contains("(dry run)", "matched " + KEYS, "would send " + KEYS,
                    "not routed to codfw 0");
            assertThat(replicationRecordsSince(endpoints.kafka(), before)).isEmpty();

            // when the A keys are replayed to codfw at 10 records a second
            long start = System.nanoTime();
            CommandRun replay = ripple(common, "replay", "--region", "codfw", "--prefix", "enwiki:A_", "--rate",
                    "10");
            Duration took = Duration.ofNanos(System.nanoTime() - start);

            // then exactly the A keys come back in codfw, at revision 2; the B keys stay missing
            assertThat(replay.exitCode()).as(replay.err()).isEqualTo(0);
            assertThat(replay.out()).contains("sent " + KEYS, "matched " + KEYS);
            assertThat(replay.err()).contains("ripple replay: scanned");
            await().atMost(Duration.ofSeconds(30)).until(() -> revisions(redis, "codfw", "enwiki:A_").size() == KEYS);
            assertThat(revisions(redis, "codfw", "enwiki:A_").values()).containsOnly("2");
            assertThat(revisions(redis, "codfw", "enwiki:B_")).isEmpty();

            // and only codfw's topic got replayed records, one per A key; the rate held (20 records at 10/s)
            Map<String, List<String>> replayed = replicationRecordsSince(endpoints.kafka(), before);
            assertThat(replayed.keySet()).containsExactly(TOPICS.replicate("codfw"));
            assertThat(replayed.get(TOPICS.replicate("codfw"))).hasSize(KEYS).allMatch(k -> k.startsWith("enwiki:A_"));
            assertThat(took).isGreaterThanOrEqualTo(Duration.ofMillis((KEYS - 1) * 100L * 8 / 10));
        } finally {
            client.shutdown();
        }
    }

    private static CommandRun ripple(String[] common, String... args) {
        List<String> all = new ArrayList<>(List.of(args));
        all.addAll(List.of(common));
        return Cli.ripple(all.toArray(String[]::new));
    }

    private void publish(String base, String key, int revision) throws Exception {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(base + "/v1/events"))
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"meta\": {\"stream\": \"edits\", \"domain\": "
                        + "\"en.example.org\"}, \"key\": \"" + key + "\", \"revision\": " + revision
                        + ", \"content_type\": \"text/plain\", \"body\": \"r" + revision + "\"}")).build(),
                HttpResponse.BodyHandlers.ofString());
        assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    }

    /** Key → revision of the objects under {@code prefix} in a region's Redis. */
    private static Map<String, String> revisions(RedisCommands<String, String> redis, String region, String prefix) {
        Map<String, String> found = new HashMap<>();
        for (String object : redis.keys("ripple:{" + region + ":*}:obj:" + prefix + "*")) {
            found.put(object.substring(object.indexOf(":obj:") + 5), redis.hget(object, "rev"));
        }
        return found;
    }

    private static Map<TopicPartition, Long> endOffsets(String kafka) throws Exception {
        try (Admin admin = Admin.create(Map.of("bootstrap.servers", kafka))) {
            Map<TopicPartition, OffsetSpec> latest = new HashMap<>();
            for (String region : REGIONS) {
                String topic = TOPICS.replicate(region);
                int partitions = admin.describeTopics(List.of(topic)).allTopicNames().get().get(topic).partitions()
                        .size();
                for (int p = 0; p < partitions; p++) {
                    latest.put(new TopicPartition(topic, p), OffsetSpec.latest());
                }
            }
            return admin.listOffsets(latest).all().get().entrySet().stream()
                    .collect(Collectors.toMap(Map.Entry::getKey, e -> e.getValue().offset()));
        }
    }

    /** Region topic → keys of the replication records written to it since {@code from} (watermarks left out). */
    private static Map<String, List<String>> replicationRecordsSince(String kafka, Map<TopicPartition, Long> from)
            throws Exception {
        Map<TopicPartition, Long> to = endOffsets(kafka);
        Map<String, List<String>> keys = new HashMap<>();
        try (KafkaConsumer<String, RegionRecord> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers", kafka,
                "isolation.level", "read_committed"), new StringDeserializer(), EventSerdes.regionRecord())) {
            consumer.assign(from.keySet());
            from.forEach(consumer::seek);
            long deadline = System.nanoTime() + Duration.ofSeconds(30).toNanos();
            while (from.keySet().stream().anyMatch(tp -> consumer.position(tp) < to.get(tp))
                    && System.nanoTime() < deadline) {
                for (ConsumerRecord<String, RegionRecord> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() instanceof ReplicationRecord) {
                        keys.computeIfAbsent(record.topic(), t -> new ArrayList<>()).add(record.key());
                    }
                }
            }
        }
        return keys;
    }
}
