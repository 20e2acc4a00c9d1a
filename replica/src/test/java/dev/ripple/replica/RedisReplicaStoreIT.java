package dev.ripple.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.consistency.Dot;
import dev.ripple.consistency.Position;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.embedded.RedisProcess;
import dev.ripple.embedded.junit.RedisExtension;
import dev.ripple.events.Op;
import dev.ripple.events.RegionRecord;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class RedisReplicaStoreIT {
    private static final TopicPartitionKey P3 = TopicPartitionKey.of(Records.TOPIC, 3);
    private ReplicaStore store;
    private String prefix;

    @BeforeEach
    void open(RedisProcess redis) {
        prefix = "t" + UUID.randomUUID().toString().substring(0, 8);
        store = ReplicaStore.redis("eqiad", RedisStoreConfig.defaults(redis.uri()).withKeyPrefix(prefix));
    }

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void shouldApplyValueAndPositionTogetherAndReadThemBackAtomically() {
        // when an upsert at edits:3@41 is applied
        List<AppliedEntry> entries = apply(Records.upsert("enwiki:Main_Page", 3, 41, 42L, "<p>hi</p>"));

        // then it is effective, and a read sees the value and a position that covers it
        assertThat(entries).extracting(AppliedEntry::outcome).containsExactly(AppliedEntry.Outcome.APPLIED);
        ObjectRead read = store.read(3, "enwiki:Main_Page").toCompletableFuture().join();
        StoredObject object = read.found().orElseThrow();
        assertThat(object.body()).isEqualTo("<p>hi</p>");
        assertThat(object.contentType()).isEqualTo("text/plain");
        assertThat(object.revision()).isEqualTo(42L);
        assertThat(object.dot()).isEqualTo(Dot.of(Records.TOPIC, 3, 41));
        assertThat(object.etag()).isEqualTo("\"42/ripple.stream.edits:3@41\"");
        assertThat(object.appliedAt()).isEqualTo(entries.get(0).appliedAt().truncatedTo(
                java.time.temporal.ChronoUnit.MILLIS));
        assertThat(read.position().offsets()).isEqualTo(Position.of(1, Records.TOPIC, 3, 41));
        assertThat(read.position().sourceDt()).containsEntry(P3, Records.T0.plusMillis(41));
    }

    @Test
    void shouldIgnoreAnOlderDotOrRevisionButStillAdvanceThePosition() {
        // given the key at offset 50, revision 7
        apply(Records.upsert("k", 3, 50, 7L, "new"));

        // when an older offset and then a newer offset with an older revision arrive
        List<AppliedEntry> entries = apply(Records.upsert("k", 3, 40, 6L, "older offset"),
                Records.upsert("k", 3, 60, 5L, "older revision"));

        // then neither changes the value, but the position reaches 60
        assertThat(entries).extracting(AppliedEntry::outcome)
                .containsExactly(AppliedEntry.Outcome.STALE, AppliedEntry.Outcome.STALE);
        ObjectRead read = store.read(3, "k").toCompletableFuture().join();
        assertThat(read.found().orElseThrow().body()).isEqualTo("new");
        assertThat(read.position().offsets().offset(P3)).isEqualTo(60);
    }

    @Test
    void shouldKeepATombstoneSoThatAnOlderUpsertCannotResurrectTheKey() {
        // given a key deleted at offset 20
        apply(Records.upsert("k", 3, 10, null, "v1"), Records.delete("k", 3, 20, null));

        // when the upsert at offset 10 is replayed
        List<AppliedEntry> replay = apply(Records.upsert("k", 3, 10, null, "v1"));

        // then it stays deleted, with the delete's dot and no body
        assertThat(replay).extracting(AppliedEntry::outcome).containsExactly(AppliedEntry.Outcome.STALE);
        StoredObject tombstone = store.read(3, "k").toCompletableFuture().join().found().orElseThrow();
        assertThat(tombstone.deleted()).isTrue();
        assertThat(tombstone.body()).isNull();
        assertThat(tombstone.dot()).isEqualTo(Dot.of(Records.TOPIC, 3, 20));
    }

    @Test
    void shouldKeepTheStaleBodyOfAnInvalidatedKey() {
        // given a key with a body
        apply(Records.upsert("k", 3, 10, 1L, "v1"));

        // when an invalidate without a body is applied
        apply(Records.record("k", Op.INVALIDATE, 3, 11, 2L, null, Position.empty(1)));

        // then the body is kept, marked invalidated at the new dot
        StoredObject object = store.read(3, "k").toCompletableFuture().join().found().orElseThrow();
        assertThat(object.op()).isEqualTo(Op.INVALIDATE);
        assertThat(object.body()).isEqualTo("v1");
        assertThat(object.revision()).isEqualTo(2L);
    }

    @Test
    void shouldAdvanceThePositionOnWatermarksAndNeverMoveItBack() {
        // when watermarks at 30 and then 25 are applied
        List<AppliedEntry> entries = apply(Records.watermark(3, 30), Records.watermark(3, 25));

        // then the position stays at 30, and an unknown key reads as absent
        assertThat(entries).extracting(AppliedEntry::outcome)
                .containsOnly(AppliedEntry.Outcome.WATERMARK);
        assertThat(store.position(3).toCompletableFuture().join().offsets().offset(P3)).isEqualTo(30);
        assertThat(store.read(3, "nobody").toCompletableFuture().join().found()).isEmpty();
        assertThat(store.position(4).toCompletableFuture().join().offsets().isEmpty()).isTrue();
    }

    @Test
    void shouldStartThePositionAfreshInALaterEpochAndRefuseAnEarlierOneUntilItFollows(RedisProcess redis) {
        // given k written at edits:3@20 and the position at 20, in epoch 1
        apply(Records.upsert("k", 3, 20, 1L, "old log"));

        try (ReplicaStore epoch2 = ReplicaStore.redis("eqiad", RedisStoreConfig.defaults(redis.uri())
                .withKeyPrefix(prefix).withEpoch(2))) {
            // then a store of epoch 2 reads the partition as empty: offsets of the old log cover nothing now
            assertThat(epoch2.position(3).toCompletableFuture().join().offsets())
                    .isEqualTo(Position.empty(2));

            // when the recreated source log's offset 4 is applied in epoch 2 (a lower offset than k's dot)
            List<AppliedEntry> entries = epoch2.apply(List.of(Records.upsert("k", 3, 4, 2L, "new log")))
                    .toCompletableFuture().join();

            // then it is applied, not taken for an older version, and the position holds only epoch 2's offset
            assertThat(entries).extracting(AppliedEntry::outcome).containsExactly(AppliedEntry.Outcome.APPLIED);
            ObjectRead read = epoch2.read(3, "k").toCompletableFuture().join();
            assertThat(read.found().orElseThrow().body()).isEqualTo("new log");
            assertThat(read.position().offsets()).isEqualTo(Position.of(2, P3.topic(), 3, 4));
        }

        // and a part still in epoch 1 is refused, retriably (it follows the bump), naming both epochs
        assertThatThrownBy(() -> apply(Records.watermark(3, 30)))
                .isInstanceOf(CompletionException.class)
                .cause().isInstanceOf(ReplicaStoreException.class)
                .hasMessageContaining("epoch 2").hasMessageContaining("epoch 1")
                .satisfies(e -> assertThat(((ReplicaStoreException) e).retriable()).isTrue());
        assertThatThrownBy(() -> store.position(3).toCompletableFuture().join())
                .cause().isInstanceOf(ReplicaStoreException.class)
                .satisfies(e -> assertThat(((ReplicaStoreException) e).retriable()).isTrue());
    }

    private List<AppliedEntry> apply(RegionRecord... records) {
        return store.apply(List.of(records)).toCompletableFuture().join();
    }
}
