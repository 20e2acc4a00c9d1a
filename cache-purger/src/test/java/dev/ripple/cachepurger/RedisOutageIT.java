package dev.ripple.cachepurger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.config.PurgeTargetDoc;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.RedisProcess;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.events.PurgeRecord;
import dev.ripple.runtime.http.TargetPolicy;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class RedisOutageIT {
    private static final int PER_PHASE = 100;

    @Test
    void shouldApplyEveryPurgeOnceRedisIsBackAfterTenSecondsDownAndLoseNone(EmbeddedKafka kafka) throws Exception {
        // given a Redis of its own (stopping the shared one would disturb other tests) with 300 cached pages
        RedisProcess redis = RedisProcess.start();
        try (PurgerFixture fixture = new PurgerFixture(kafka, "outage")) {
            String ns = fixture.region + ":";
            fixture.target(new PurgeTargetDoc(fixture.region, "cache", PurgeTargetDoc.Type.REDIS,
                    URI.create(redis.uri()), List.of()));
            try (CacheClient cache = CacheClient.connect(URI.create(redis.uri()), Duration.ofSeconds(2))) {
                IntStream.range(0, 3 * PER_PHASE).forEach(i -> cache.fill(ns + "page:" + i, 1, "v1", Set.of(),
                        Duration.ofHours(1)));
            }
            fixture.start(fixture.config().withPolicy(TargetPolicy.DEFAULT, TargetPolicy.defaults()
                    .withBackoff(Duration.ofMillis(20), Duration.ofMillis(500)).withOpenWait(Duration.ofMillis(500))));

            // and the first 100 purges done while Redis is up
            fixture.send(purges(ns, 0));
            await().atMost(Duration.ofSeconds(30)).until(() -> fixture.receipts.size() == PER_PHASE);

            // when Redis stops (its data saved, as a restart with persistence would keep it) for 10 s
            save(redis);
            redis.stopKeepingData();
            Instant stopped = Instant.now();
            fixture.send(purges(ns, PER_PHASE));

            // then its breaker opens, the partitions pause, and nothing is acknowledged or dead-lettered meanwhile
            await().atMost(Duration.ofSeconds(10)).until(() -> fixture.transitions.contains("cache:CLOSED->OPEN")
                    && fixture.gauge(PurgerMetricNames.PAUSED_PARTITIONS) == PurgerFixture.PARTITIONS);
            await().pollDelay(Duration.ofSeconds(10).minus(Duration.between(stopped, Instant.now())))
                    .atMost(Duration.ofSeconds(11)).until(() -> fixture.receipts.size() == PER_PHASE
                            && fixture.deadLettered.isEmpty());
            assertThat(Duration.between(stopped, Instant.now())).isGreaterThanOrEqualTo(Duration.ofSeconds(10));

            // when it comes back and more purges arrive
            redis.restart();
            Instant restarted = Instant.now();
            fixture.send(purges(ns, 2 * PER_PHASE));

            // then every purge is applied, those read during the outage after it ended, and none is missing
            await().atMost(Duration.ofSeconds(60)).until(() -> fixture.receipts.size() == 3 * PER_PHASE
                    && fixture.committedToTheEnd());
            assertThat(fixture.receipts.stream().filter(r -> r.source().offset() >= PER_PHASE))
                    .hasSize(2 * PER_PHASE).allSatisfy(r -> assertThat(r.completed()).isAfter(restarted));
            try (CacheClient cache = CacheClient.connect(URI.create(redis.uri()), Duration.ofSeconds(2))) {
                for (int i = 0; i < 3 * PER_PHASE; i++) {
                    assertThat(cache.get(ns + "page:" + i)).as("page " + i).isEmpty();
                    assertThat(cache.tombstone(ns + "page:" + i)).as("tombstone " + i).contains(2L);
                }
            }
            assertThat(fixture.deadLetters()).isEmpty();
            await().atMost(Duration.ofSeconds(10)).until(() -> fixture.transitions.contains("cache:HALF_OPEN->CLOSED"));
            assertThat(fixture.counter(PurgerMetricNames.BREAKER_TRANSITIONS, "from", "closed", "to", "open"))
                    .isPositive();
        } finally {
            redis.close();
        }
    }

    /** Purges of pages first..first+99, revision 2, spread over the partitions; source offset = page number. */
    private static PurgeRecord[] purges(String ns, int first) {
        return IntStream.range(first, first + PER_PHASE).mapToObj(i -> Purges.keys("enwiki:Page_" + i, 2,
                i % PurgerFixture.PARTITIONS, i, ns + "page:" + i)).toArray(PurgeRecord[]::new);
    }

    private static void save(RedisProcess redis) {
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().save();
        } finally {
            client.shutdown();
        }
    }
}
