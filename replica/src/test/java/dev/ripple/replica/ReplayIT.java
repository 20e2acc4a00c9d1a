package dev.ripple.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.consistency.Dot;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.RedisProcess;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.embedded.junit.RedisExtension;
import dev.ripple.events.RegionPosition;
import io.lettuce.core.KeyScanCursor;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScanArgs;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.stream.IntStream;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({KafkaExtension.class, RedisExtension.class})
class ReplayIT {

    @Test
    void shouldChangeNothingWhenTheRegionTopicIsReplayedFromOffsetZero(EmbeddedKafka kafka, RedisProcess redis) {
        HistoryRecorder recorder = new HistoryRecorder();
        try (ReplicaHarness harness = new ReplicaHarness(kafka, redis, List.of("eqiad", "codfw"), 6, Map.of(),
                recorder)) {
            // given codfw has applied upserts, deletes and watermarks of 40 keys, partition 2 held back 200 ms
            harness.feed.delay("codfw", 2, 200);
            harness.awaitReady();
            List<Dot> dots = new ArrayList<>();
            String token = null;
            for (int i = 0; i < 300; i++) {
                String key = "k" + (i % 40);
                WritePath.Ack ack = i % 7 == 6 ? harness.feed.delete(key, token) : i % 5 == 4
                        ? harness.feed.write(key, "v" + i, token, "eqiad"::equals)
                        : harness.feed.write(key, "v" + i, token);
                dots.add(ack.dot());
                token = ack.token();
            }
            await().atMost(Duration.ofSeconds(60)).until(() -> harness.converged(dots));
            harness.appliers.get("codfw").close();
            Map<String, Map<String, String>> before = dump(redis, harness.topics.prefix(), "codfw");
            RegionPosition positionBefore = harness.appliers.get("codfw").position();

            // when a new consumer group replays codfw's topic from offset 0 into the same store
            AtomicLong handled = new AtomicLong();
            AtomicLong effective = new AtomicLong();
            long records = endOffsets(kafka, harness.topics.replicate("codfw"));
            try (ReplicaApplier replay = ReplicaApplier.create(harness.config("codfw").withGroupId(
                    harness.topics.prefix() + ".replay"), harness.stores.get("codfw"), Clock.systemUTC())) {
                replay.addListener((entries, position) -> {
                    handled.addAndGet(entries.size());
                    effective.addAndGet(entries.stream().filter(AppliedEntry::effective).count());
                });
                replay.start();
                await().atMost(Duration.ofSeconds(60)).until(() -> handled.get() == records);

                // then every record was a no-op: the values, tombstones and positions are exactly as before
                assertThat(effective.get()).isZero();
                assertThat(dump(redis, harness.topics.prefix(), "codfw")).isEqualTo(before);
                assertThat(replay.position().applied()).isEqualTo(positionBefore.applied());
                assertThat(before.values()).anyMatch(hash -> "delete".equals(hash.get("op")));
            }
        }
    }

    /** Every hash of the region, by key. */
    private static Map<String, Map<String, String>> dump(RedisProcess redis, String prefix, String region) {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            RedisCommands<String, String> commands = connection.sync();
            Map<String, Map<String, String>> all = new TreeMap<>();
            ScanArgs match = ScanArgs.Builder.matches(prefix + ":{" + region + ":*").limit(1_000);
            KeyScanCursor<String> cursor = commands.scan(match);
            while (true) {
                cursor.getKeys().forEach(key -> all.put(key, new TreeMap<>(commands.hgetall(key))));
                if (cursor.isFinished()) {
                    return all;
                }
                cursor = commands.scan(cursor, match);
            }
        } finally {
            client.shutdown();
        }
    }

    private static long endOffsets(EmbeddedKafka kafka, String topic) {
        try (KafkaConsumer<byte[], byte[]> consumer = new KafkaConsumer<>(Map.of("bootstrap.servers",
                kafka.bootstrapServers()), new ByteArrayDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = IntStream.range(0, 6).mapToObj(p -> new TopicPartition(topic, p))
                    .toList();
            return consumer.endOffsets(partitions).values().stream().mapToLong(Long::longValue).sum();
        }
    }
}
