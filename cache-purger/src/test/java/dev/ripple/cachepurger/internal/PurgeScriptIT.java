package dev.ripple.cachepurger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.cachepurger.CacheClient;
import dev.ripple.cachepurger.CacheKeys;
import dev.ripple.cachepurger.FillResult;
import dev.ripple.cachepurger.Purges;
import dev.ripple.embedded.RedisProcess;
import dev.ripple.embedded.junit.RedisExtension;
import dev.ripple.events.PurgeRequest;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** {@code purge.lua} on a real Redis: whole batches as the Redis target sends them, shapes mixed or not. */
@ExtendWith(RedisExtension.class)
class PurgeScriptIT {
    private static final Duration HOUR = Duration.ofHours(1);

    private RedisClient client;
    private StatefulRedisConnection<String, String> connection;
    private RedisCommands<String, String> redis;
    private CacheClient cache;
    private String ns;

    @BeforeEach
    void connect(RedisProcess process) {
        client = RedisClient.create(process.uri());
        connection = client.connect();
        redis = connection.sync();
        cache = CacheClient.connect(URI.create(process.uri()), Duration.ofSeconds(2));
        ns = UUID.randomUUID() + ":";
    }

    @AfterEach
    void close() {
        cache.close();
        connection.close();
        client.shutdown();
    }

    @Test
    void shouldCarryOutABatchOfMixedShapesPurgeByPurgeAndReportOnlyTheFailingOne() {
        // given cached pages, a tag set of two of them, and a "tag" key that is not a set
        for (String page : List.of("a", "b", "c", "d")) {
            cache.fill(ns + page, 1, "v", page.equals("c") || page.equals("d") ? Set.of(ns + "t") : Set.of(), HOUR);
        }
        redis.set(CacheKeys.tag(ns + "broken"), "not a set");

        // when one batch purges: a at 5; b and the tag at 7; the broken tag; a again at 3 (a replay); b without a
        // revision
        List<Object> results = run(List.of(
                Purges.keys("A", 5, 0, 1, ns + "a"),
                Purges.request("B", List.of(ns + "b"), List.of(), List.of(ns + "t"), 7L, 0, 2),
                Purges.tags("X", 9, 0, 3, ns + "broken"),
                Purges.keys("A", 3, 0, 4, ns + "a"),
                Purges.request("B", List.of(ns + "b"), List.of(), List.of(), null, 0, 5)), 60_000);

        // then the keys removed come first (a, b), then each purge's tagged keys (c, d) or its error
        assertThat(results).hasSize(6);
        assertThat(results.get(0)).isEqualTo(2L);
        assertThat(results.subList(1, 6)).satisfiesExactly(
                first -> assertThat(first).isEqualTo(0L),
                second -> assertThat(second).isEqualTo(2L),
                third -> assertThat(third).asString().startsWith("ERR").contains("WRONGTYPE"),
                fourth -> assertThat(fourth).isEqualTo(0L),
                fifth -> assertThat(fifth).isEqualTo(0L));
        assertThat(redis.exists(ns + "a", ns + "b", ns + "c", ns + "d")).isZero();
        // and each key's tombstone holds the highest revision of the batch: the replay at 3 lowered nothing
        assertThat(cache.tombstone(ns + "a")).contains(5L);
        assertThat(cache.tombstone(ns + "b")).contains(7L);
        assertThat(cache.fill(ns + "a", 4, "stale", Set.of(), HOUR)).isEqualTo(FillResult.REFUSED_PURGED);
        assertThat(cache.fill(ns + "a", 5, "fresh", Set.of(), HOUR)).isEqualTo(FillResult.FILLED);
    }

    @Test
    void shouldKeepATombstoneForAtLeastItsTtlAndAtMostTwiceItAndUnlinkItsBucketOnceItHasPassed() {
        // given a purge with a 300-ms tombstone, between two readings of Redis' clock
        long ttl = 300;
        long before = redisMillis();
        run(List.of(Purges.keys("A", 8, 0, 1, ns + "a")), ttl);
        long after = redisMillis();
        String bucket = redis.zrange(CacheKeys.TOMBSTONES, 0, -1).stream()
                .filter(name -> name.startsWith(CacheKeys.TOMBSTONES + ":" + ttl + ":")).findFirst().orElseThrow();

        // then its bucket is consulted for more than the TTL after the purge and at most twice it
        long visibleUntil = redis.zscore(CacheKeys.TOMBSTONES, bucket).longValue();
        assertThat(visibleUntil - before).isGreaterThan(ttl);
        assertThat(visibleUntil - after).isLessThanOrEqualTo(2 * ttl);
        // and a stale fill is refused until then, and taken after
        assertThat(cache.fill(ns + "a", 7, "stale", Set.of(), HOUR)).isEqualTo(FillResult.REFUSED_PURGED);
        await().atMost(Duration.ofSeconds(10)).pollInterval(Duration.ofMillis(20))
                .until(() -> cache.tombstone(ns + "a").isEmpty());
        assertThat(redisMillis()).isGreaterThanOrEqualTo(visibleUntil);
        assertThat(cache.fill(ns + "a", 7, "late", Set.of(), HOUR)).isEqualTo(FillResult.FILLED);

        // and the next purge unlinks the passed bucket and drops it from the index
        run(List.of(Purges.keys("B", 1, 0, 2, ns + "b")), ttl);
        assertThat(redis.exists(bucket)).isZero();
        assertThat(redis.zrange(CacheKeys.TOMBSTONES, 0, -1)).doesNotContain(bucket);
    }

    private long redisMillis() {
        List<String> time = redis.time();
        return Long.parseLong(time.get(0)) * 1000 + Long.parseLong(time.get(1)) / 1000;
    }

    private List<Object> run(List<PurgeRequest> batch, long tombstoneMs) {
        return redis.eval(PurgeScripts.PURGE.text(), ScriptOutputType.MULTI, PurgeScripts.purgeKeys(batch),
                PurgeScripts.purgeArgs(batch, tombstoneMs));
    }
}
