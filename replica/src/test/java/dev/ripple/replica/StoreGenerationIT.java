package dev.ripple.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.consistency.Position;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.embedded.RedisProcess;
import dev.ripple.embedded.junit.RedisExtension;
import dev.ripple.events.RegionRecord;
import dev.ripple.replica.internal.RedisKeys;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The store's generation fence and rebuild protocol (DESIGN.md 7.1), on a real Redis. */
@ExtendWith(RedisExtension.class)
class StoreGenerationIT {
    private static final TopicPartitionKey P3 = TopicPartitionKey.of(Records.TOPIC, 3);
    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> redis;
    private RedisKeys keys;
    private RedisStoreConfig config;
    private ReplicaStore store;

    @BeforeEach
    void open(RedisProcess process) {
        String prefix = "g" + UUID.randomUUID().toString().substring(0, 8);
        config = RedisStoreConfig.defaults(process.uri()).withKeyPrefix(prefix);
        keys = new RedisKeys(prefix, "eqiad");
        store = ReplicaStore.redis("eqiad", config);
        client = RedisClient.create(process.uri());
        connection = client.connect();
        redis = connection.sync();
    }

    @AfterEach
    void close() {
        store.close();
        connection.close();
        client.shutdown();
    }

    @Test
    void shouldRefuseToRefillAPartitionWhosePositionIsGone() {
        // given a key applied at edits:3@41
        apply(store, Records.upsert("k", 3, 41, 1L, "v1"));
        String generation = store.generation(3).orElseThrow();
        assertThat(store.position(3).toCompletableFuture().join().generation()).isEqualTo(generation);

        // when the partition's data is lost (as when Redis restarts empty)
        redis.del(keys.position(3), keys.object(3, "k"));

        // then the next apply is refused as a loss, not written back over the empty store
        assertThatThrownBy(() -> apply(store, Records.upsert("other", 3, 42, 1L, "v")))
                .isInstanceOf(CompletionException.class).cause().isInstanceOf(StoreLostException.class)
                .hasMessageContaining("gone")
                .satisfies(e -> assertThat(((StoreLostException) e).partition()).isEqualTo(3));
        StoredPosition after = store.position(3).toCompletableFuture().join();
        assertThat(after.status()).isEqualTo(StoredPosition.Status.ABSENT);
        assertThat(after.offsets().isEmpty()).isTrue();
    }

    @Test
    void shouldRebuildAPartitionThenServeAgainAtWhatTheLostDataHadClaimed() {
        // given a partition that had reached 100 and lost its data
        apply(store, Records.upsert("k", 3, 41, 1L, "v1"));
        redis.del(keys.position(3), keys.object(3, "k"));
        String generation = UUID.randomUUID().toString();

        // when a rebuild begins with that claim
        store.beginRebuild(3, generation, Map.of(P3, 100L)).toCompletableFuture().join();

        // then the partition is out of service, and a live apply of another writer is refused
        StoredPosition rebuilding = store.position(3).toCompletableFuture().join();
        assertThat(rebuilding.status()).isEqualTo(StoredPosition.Status.REBUILDING);
        assertThat(rebuilding.serving()).isFalse();
        try (ReplicaStore other = ReplicaStore.redis("eqiad", config)) {
            other.claim(3, generation, Position.empty(1));
            assertThatThrownBy(() -> apply(other, Records.watermark(3, 120)))
                    .cause().isInstanceOf(ReplicaStoreException.class).hasMessageContaining("being rebuilt");
        }

        // when the latest state is applied (an old dot, version-gated like any record) with its cursor
        List<AppliedEntry> rebuilt = store.rebuild(3, generation, List.of(Records.upsert("k", 3, 41, 1L, "v1")),
                Map.of("ripple.latest.edits:3", 7L)).toCompletableFuture().join();
        assertThat(rebuilt).extracting(AppliedEntry::outcome).containsExactly(AppliedEntry.Outcome.APPLIED);
        assertThat(store.position(3).toCompletableFuture().join().cursor())
                .containsEntry("ripple.latest.edits:3", 7L);

        // and a second begin of the same generation resumes it, keeping the cursor
        store.beginRebuild(3, generation, Map.of(P3, 100L)).toCompletableFuture().join();
        assertThat(store.position(3).toCompletableFuture().join().cursor())
                .containsEntry("ripple.latest.edits:3", 7L);

        // when it ends, having covered the source up to 90
        StoredPosition serving = store.endRebuild(3, generation, Map.of(P3, 90L), true).toCompletableFuture().join();

        // then the partition serves at the claim (the higher of the two), without claims or cursors left
        assertThat(serving.status()).isEqualTo(StoredPosition.Status.SERVING);
        assertThat(serving.offsets().offset(P3)).isEqualTo(100);
        assertThat(serving.cursor()).isEmpty();
        assertThat(redis.hkeys(keys.position(3))).noneMatch(f -> f.startsWith("claim:") || f.startsWith("cursor:"));
        assertThat(store.read(3, "k").toCompletableFuture().join().found().orElseThrow().body()).isEqualTo("v1");

        // and live applies of the new generation go on
        assertThat(apply(store, Records.upsert("k", 3, 130, 2L, "v2")))
                .extracting(AppliedEntry::outcome).containsExactly(AppliedEntry.Outcome.APPLIED);
    }

    @Test
    void shouldFenceAWriterOfAGenerationThatWasReplaced() {
        // given a writer of one generation, and another that rebuilt the partition since
        apply(store, Records.upsert("k", 3, 41, 1L, "v1"));
        try (ReplicaStore other = ReplicaStore.redis("eqiad", config)) {
            String next = UUID.randomUUID().toString();
            other.beginRebuild(3, next, Map.of()).toCompletableFuture().join();
            other.endRebuild(3, next, Map.of(P3, 41L), true).toCompletableFuture().join();
        }

        // then the first writer is refused, naming both generations
        assertThatThrownBy(() -> apply(store, Records.watermark(3, 50)))
                .cause().isInstanceOf(StoreLostException.class).hasMessageContaining("not "
                        + store.generation(3).orElseThrow());
    }

    @Test
    void shouldAdoptAPartitionWrittenBeforeStoresHadGenerations() {
        // given a position hash as the previous version wrote it: no generation
        redis.hset(keys.position(3), Map.of("epoch", "1", P3.toString(), "30"));

        // when a writer applies to it
        apply(store, Records.watermark(3, 31));

        // then it adopts it: the hash gets a generation, serving, and the position goes on
        StoredPosition position = store.position(3).toCompletableFuture().join();
        assertThat(position.generation()).isEqualTo(store.generation(3).orElseThrow());
        assertThat(position.status()).isEqualTo(StoredPosition.Status.SERVING);
        assertThat(position.offsets().offset(P3)).isEqualTo(31);
    }

    @Test
    void shouldFindAStoreThatWentBackBehindWhatItsWriterApplied() {
        // given a writer that applied edits:3 up to 41
        apply(store, Records.upsert("k", 3, 41, 1L, "v1"));

        // when the store goes back to an older copy of itself: same generation, position 30, the key gone
        redis.hset(keys.position(3), P3.toString(), "30");
        redis.del(keys.object(3, "k"));

        // then the writer's next apply is refused as a loss, naming what the hash holds and what was applied
        assertThatThrownBy(() -> apply(store, Records.upsert("other", 3, 42, 1L, "v")))
                .cause().isInstanceOf(StoreLostException.class).hasMessageContaining("at 30")
                .hasMessageContaining("41 applied");
    }

    @Test
    void shouldRefuseAFirstApplyToAPartitionBeingRebuilt() {
        // given a rebuild running, begun by another writer
        store.beginRebuild(3, UUID.randomUUID().toString(), Map.of()).toCompletableFuture().join();

        // then a writer that knows nothing of the partition cannot write into it
        try (ReplicaStore fresh = ReplicaStore.redis("eqiad", config)) {
            assertThatThrownBy(() -> apply(fresh, Records.watermark(3, 5)))
                    .cause().isInstanceOf(ReplicaStoreException.class).hasMessageContaining("being rebuilt");
        }
    }

    @Test
    void shouldClaimOnlyWhatARebuildCoveredWhenItsSourceCannotRestoreTheLostData() {
        // given a rebuild of a partition that had claimed 100
        String generation = UUID.randomUUID().toString();
        store.beginRebuild(3, generation, Map.of(P3, 100L)).toCompletableFuture().join();

        // when it ends from a source that restores nothing (no latest state)
        StoredPosition position = store.endRebuild(3, generation, Map.of(), false).toCompletableFuture().join();

        // then it serves without claiming the lost 100
        assertThat(position.serving()).isTrue();
        assertThat(position.offsets().offset(P3)).isEqualTo(-1);
    }

    private static List<AppliedEntry> apply(ReplicaStore target, RegionRecord... records) {
        return target.apply(List.of(records)).toCompletableFuture().join();
    }
}
