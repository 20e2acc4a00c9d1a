package dev.ripple.cachepurger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.config.PurgeTargetDoc;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.RedisProcess;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.embedded.junit.RedisExtension;
import dev.ripple.events.DeadLetterRecord;
import dev.ripple.events.PurgeRecord;
import dev.ripple.runtime.lifecycle.State;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({KafkaExtension.class, RedisExtension.class})
class RedisPurgeIT {
    private static final Duration HOUR = Duration.ofHours(1);

    private PurgerFixture fixture;
    private CacheClient cache;
    private String ns;

    @BeforeEach
    void start(EmbeddedKafka kafka, RedisProcess redis) {
        fixture = new PurgerFixture(kafka, "redis");
        ns = fixture.region + ":";
        fixture.target(new PurgeTargetDoc(fixture.region, "cache", PurgeTargetDoc.Type.REDIS, URI.create(redis.uri()),
                List.of()));
        cache = CacheClient.connect(URI.create(redis.uri()), Duration.ofSeconds(2));
    }

    @AfterEach
    void stop() {
        fixture.close();
        cache.close();
    }

    @Test
    void shouldRemoveEveryTaggedKeyOfAPurgedTagAndOnlyThose() {
        // given 30 cached pages: 0-19 use template A, 10-24 template B, 25-29 none
        for (int i = 0; i < 30; i++) {
            List<String> tags = new ArrayList<>();
            if (i < 20) {
                tags.add(ns + "template:A");
            }
            if (i >= 10 && i < 25) {
                tags.add(ns + "template:B");
            }
            assertThat(cache.fill(ns + "page:" + i, 1, "<html>" + i, tags, HOUR)).isEqualTo(FillResult.FILLED);
        }
        fixture.start(fixture.config());

        // when template A is purged
        fixture.send(Purges.tags("template:A", 7, 0, 0, ns + "template:A"));

        // then every page that used it is gone, and every other page stays
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.receipts.size() == 1);
        IntStream.range(0, 20).forEach(i -> assertThat(cache.get(ns + "page:" + i)).as("page " + i).isEmpty());
        IntStream.range(20, 30).forEach(i -> assertThat(cache.get(ns + "page:" + i)).as("page " + i).isPresent());
        assertThat(cache.tagged(ns + "template:A")).isEmpty();
        assertThat(cache.tagged(ns + "template:B")).hasSize(15);
        assertThat(fixture.counter(PurgerMetricNames.KEYS_REMOVED, "target", "cache")).isEqualTo(20);
    }

    @Test
    void shouldRefuseAFillOfARevisionOlderThanThePurgeThatCameBeforeIt() {
        // given page 1 cached at revision 41, and a reader that fetched revision 41 before an edit
        String key = ns + "page:1";
        cache.fill(key, 41, "old", Set.of(), HOUR);
        fixture.start(fixture.config());

        // when the edit's purge (revision 42) is carried out
        fixture.send(Purges.keys("enwiki:Page_1", 42, 1, 0, key));
        await().atMost(Duration.ofSeconds(30)).until(() -> cache.get(key).isEmpty());

        // then the slow reader's fill of revision 41 is refused, and a fill of 42 is taken
        assertThat(cache.tombstone(key)).contains(42L);
        assertThat(cache.fill(key, 41, "old", Set.of(), HOUR)).isEqualTo(FillResult.REFUSED_PURGED);
        assertThat(cache.get(key)).isEmpty();
        assertThat(cache.fill(key, 42, "new", Set.of(), HOUR)).isEqualTo(FillResult.FILLED);
        assertThat(cache.get(key)).contains(new CachedValue("new", 42));
        // and a late fill never replaces a newer cached revision
        cache.fill(key, 44, "newer", Set.of(), HOUR);
        assertThat(cache.fill(key, 43, "older", Set.of(), HOUR)).isEqualTo(FillResult.REFUSED_OLDER);
        assertThat(cache.get(key)).contains(new CachedValue("newer", 44));
    }

    @Test
    void shouldNeverLowerATombstoneWhenAnOlderPurgeOfTheKeyIsCarriedOutAfterANewerOne() {
        // given a page purged at revision 50, then filled again at 50
        String key = ns + "page:late";
        fixture.start(fixture.config());
        fixture.send(Purges.keys("enwiki:Late", 50, 1, 0, key));
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.receipts.size() == 1);
        assertThat(cache.fill(key, 50, "v50", Set.of(), HOUR)).isEqualTo(FillResult.FILLED);

        // when an older purge of it (revision 40, say replayed from the dead letters) is carried out after that
        fixture.send(Purges.keys("enwiki:Late", 40, 1, 1, key));
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.receipts.size() == 2);

        // then the page is purged again, and its tombstone still refuses fills older than 50
        assertThat(cache.get(key)).isEmpty();
        assertThat(cache.tombstone(key)).contains(50L);
        assertThat(cache.fill(key, 45, "v45", Set.of(), HOUR)).isEqualTo(FillResult.REFUSED_PURGED);
        // and a newer purge raises it
        fixture.send(Purges.keys("enwiki:Late", 51, 1, 2, key));
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.receipts.size() == 3);
        assertThat(cache.tombstone(key)).contains(51L);
    }

    @Test
    void shouldHoldReadingBackAtMaxPendingRecordsAndStillPurgeEveryKey() throws Exception {
        // given 600 cached pages, and a purger that may hold only 16 records read and not yet committed
        for (int i = 0; i < 600; i++) {
            cache.fill(ns + "held:" + i, 1, "v", Set.of(), HOUR);
        }
        fixture.start(fixture.config().withLimits(PurgerLimits.defaults().withMaxPendingRecords(16)));

        // when all 600 are purged at once
        fixture.send(IntStream.range(0, 600).mapToObj(i -> Purges.keys("Held_" + i, 2, i % PurgerFixture.PARTITIONS,
                i / PurgerFixture.PARTITIONS, ns + "held:" + i)).toArray(PurgeRecord[]::new));

        // then the limit held reading back, and still every page was purged and every record committed
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.receipts.size() == 600);
        assertThat(fixture.counter(PurgerMetricNames.LIMIT_HITS, PurgerMetricNames.TAG_LIMIT, "max_pending_records"))
                .isPositive();
        assertThat(IntStream.range(0, 600).filter(i -> cache.get(ns + "held:" + i).isPresent()).boxed()).isEmpty();
        await().atMost(Duration.ofSeconds(30)).until(fixture::committedToTheEnd);
    }

    @Test
    void shouldCommitEveryRecordAndPublishThePositionOfWatermarksAndPurges() throws Exception {
        // given purges and watermarks on every partition
        fixture.start(fixture.config());
        List<PurgeRecord> records = new ArrayList<>();
        for (int p = 0; p < PurgerFixture.PARTITIONS; p++) {
            for (int i = 0; i < 20; i++) {
                records.add(Purges.keys("k" + p + "-" + i, i, p, 100 + 2L * i, ns + "page:" + p + "-" + i));
            }
            records.add(Purges.watermark(p, 200 + p));
        }

        // when they are read
        fixture.send(records.toArray(PurgeRecord[]::new));

        // then every offset is committed and the position covers each partition up to its watermark
        await().atMost(Duration.ofSeconds(30)).until(fixture::committedToTheEnd);
        await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> {
            var published = fixture.publishedPosition();
            assertThat(published).isNotNull();
            for (int p = 0; p < PurgerFixture.PARTITIONS; p++) {
                assertThat(published.applied().offset(new TopicPartitionKey(Purges.SOURCE, p))).isEqualTo(200L + p);
            }
            assertThat(published.applied().epoch()).isEqualTo(1);
        });
        assertThat(fixture.receipts).hasSize(60);
        assertThat(fixture.counter(PurgerMetricNames.RECORDS, "kind", "watermark")).isEqualTo(3);
    }

    @Test
    void shouldSendIdenticalPurgesOfAKeyThatArriveWithinTheWindowOnce() throws Exception {
        // given a coalescing window of 2 s
        fixture.start(fixture.config().withLimits(PurgerLimits.defaults().withCoalesceWindow(Duration.ofSeconds(2))));

        // when ten identical purges of one key arrive at once, revisions 1 to 10
        fixture.send(IntStream.range(0, 10).mapToObj(i -> Purges.keys("enwiki:Hot", i + 1, 2, i, ns + "page:hot"))
                .toArray(PurgeRecord[]::new));

        // then one purge covers them all, at the newest revision; nine were coalesced; all are committed
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.receipts.size() == 1 && fixture.committedToTheEnd());
        assertThat(fixture.receipts.get(0).records()).isEqualTo(10);
        assertThat(cache.tombstone(ns + "page:hot")).contains(10L);
        assertThat(fixture.counter(PurgerMetricNames.COALESCED)).isEqualTo(9);
    }

    @Test
    void shouldPurgeATargetAddedToTheConfigWhileRunning(RedisProcess redis) {
        // given a running purger with one target
        CachePurger purger = fixture.start(fixture.config());

        // when a second target is added to the config store
        fixture.target(new PurgeTargetDoc(fixture.region, "second", PurgeTargetDoc.Type.REDIS,
                URI.create(redis.uri()), List.of()));
        await().atMost(Duration.ofSeconds(10)).until(() -> purger.breakers().containsKey("second"));
        fixture.send(Purges.keys("enwiki:Late", 1, 0, 0, ns + "page:late"));

        // then purges go to both, without a restart
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.receipts.size() == 1);
        assertThat(fixture.receipts.get(0).targets()).extracting(PurgeReceipt.TargetAck::target)
                .containsExactly("cache", "second");
    }

    @Test
    void shouldDeadLetterAPurgeTheCacheRefusesAndAnUnreadableRecordAndGoOn(RedisProcess redis) throws Exception {
        // given a tag key that is not a set (so the purge script fails on it)
        RedisClient client = RedisClient.create(redis.uri());
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().set(CacheKeys.tag(ns + "broken"), "not a set");
        } finally {
            client.shutdown();
        }
        cache.fill(ns + "page:ok", 1, "ok", Set.of(), HOUR);
        fixture.start(fixture.config());

        // when a purge of that tag, an unreadable record and a good purge arrive
        fixture.send(Purges.tags("enwiki:Broken", 3, 0, 0, ns + "broken"));
        fixture.sendRaw(0, "junk", "{not json".getBytes(StandardCharsets.UTF_8));
        fixture.send(Purges.keys("enwiki:Ok", 2, 0, 2, ns + "page:ok"));

        // then both bad records are in the dead-letter topic with why, the good purge is done, all is committed
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.deadLetters().size() == 2
                && cache.get(ns + "page:ok").isEmpty() && fixture.committedToTheEnd());
        List<DeadLetterRecord> letters = fixture.deadLetters().stream()
                .sorted(Comparator.comparingLong(e -> e.original().offset())).toList();
        assertThat(letters).extracting(DeadLetterRecord::consumer).containsOnly("purger." + fixture.region);
        assertThat(letters.get(0).reason()).contains("refused", "WRONGTYPE");
        assertThat(letters.get(0).original().offset()).isZero();
        assertThat(letters.get(1).reason()).startsWith("unreadable purge record");
        assertThat(letters.get(1).original().valueText()).isEqualTo("{not json");
        assertThat(fixture.deadLettered).singleElement().asString().startsWith("enwiki:Broken");
        assertThat(fixture.counter(PurgerMetricNames.PURGES, "outcome", "dead_lettered")).isEqualTo(1);
    }

    /** Issue 16, item 1: purges without a revision, which any producer can cause, must not stop a purger. */
    @Test
    void shouldKeepPurgingAfterTenRevisionlessPurgesOfOneKeyMergeInItsWindow() throws Exception {
        // given two cached pages and a purger that holds purges 500 ms so that duplicates merge
        String hot = ns + "page:hot";
        String other = ns + "page:other";
        cache.fill(hot, 1, "hot", Set.of(), HOUR);
        cache.fill(other, 1, "other", Set.of(), HOUR);
        CachePurger purger = fixture.start(fixture.config()
                .withLimits(PurgerLimits.defaults().withCoalesceWindow(Duration.ofMillis(500))));

        // when ten purges of one key without a revision arrive together
        fixture.send(IntStream.range(0, 10).mapToObj(i -> Purges.request("enwiki:Hot", List.of(hot), List.of(),
                List.of(), null, 2, i)).toArray(PurgeRecord[]::new));

        // then they go out as one purge covering all ten records, leaving no tombstone (no revision to keep)
        await().atMost(Duration.ofSeconds(30)).until(() -> fixture.receipts.size() == 1 || purger.failure()
                .isPresent());
        assertThat(purger.failure()).isEmpty();
        assertThat(fixture.receipts.get(0).records()).isEqualTo(10);
        assertThat(cache.get(hot)).isEmpty();
        assertThat(cache.tombstone(hot)).isEmpty();
        assertThat(fixture.counter(PurgerMetricNames.COALESCED)).isEqualTo(9);

        // and a purge of another key after them is carried out too, with every record committed
        fixture.send(Purges.keys("enwiki:Other", 3, 1, 0, other));
        await().atMost(Duration.ofSeconds(30)).until(() -> cache.get(other).isEmpty() && fixture.committedToTheEnd());
        assertThat(cache.tombstone(other)).contains(3L);
        assertThat(purger.state()).isEqualTo(State.RUNNING);
    }
}
