package dev.ripple.cachepurger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.config.PurgeTargetDoc;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.RedisProcess;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.embedded.junit.RedisExtension;
import dev.ripple.events.PurgeRecord;
import java.net.URI;
import java.time.Duration;
import java.util.List;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue 16, item 1: purges without a revision, which any producer can cause, must not stop a purger. */
@ExtendWith({KafkaExtension.class, RedisExtension.class})
class RevisionlessPurgeIT {
    private static final Duration HOUR = Duration.ofHours(1);

    private PurgerFixture fixture;
    private CacheClient cache;
    private String ns;

    @BeforeEach
    void start(EmbeddedKafka kafka, RedisProcess redis) {
        fixture = new PurgerFixture(kafka, "norev");
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
        assertThat(purger.state()).isEqualTo(CachePurger.State.RUNNING);
    }
}
