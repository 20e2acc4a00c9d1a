package dev.ripple.cachepurger;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.RedisProcess;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.embedded.junit.RedisExtension;
import dev.ripple.events.PurgeRecord;
import dev.ripple.events.PurgeRequest;
import dev.ripple.runtime.lifecycle.State;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith({KafkaExtension.class, RedisExtension.class})
class PurgeSubscriberIT {

    @Test
    void shouldHandEveryPurgeOverInOrderPerKeyAgainAfterAFailureAndSkipWatermarks(EmbeddedKafka kafka,
            RedisProcess redis) throws Exception {
        try (PurgerFixture fixture = new PurgerFixture(kafka, "subscriber");
                CacheClient cache = CacheClient.connect(URI.create(redis.uri()), Duration.ofSeconds(2))) {
            // given a cache that purges itself, whose handler fails once on the 5th purge of key-1
            String ns = fixture.region + ":";
            for (int k = 0; k < 3; k++) {
                cache.fill(ns + "key-" + k, 0, "v0", Set.of(ns + "all"), Duration.ofHours(1));
            }
            List<PurgeRequest> handled = new CopyOnWriteArrayList<>();
            AtomicBoolean failedOnce = new AtomicBoolean();
            PurgeSubscriber subscriber = PurgeSubscriber.start(new PurgeSubscriber.Options(
                    kafka.bootstrapServers(), fixture.region, "my-cache-" + fixture.region, fixture.topics,
                    Duration.ofMillis(200), Map.of()), request -> {
                        if (request.key().equals("key-1") && request.revision() == 5 && failedOnce.compareAndSet(false,
                                true)) {
                            throw new IllegalStateException("cache busy");
                        }
                        cache.purge(request, Duration.ofMinutes(1));
                        handled.add(request);
                    });

            // when ten purges of each of three keys arrive, with watermarks between
            List<PurgeRecord> records = new ArrayList<>();
            for (int rev = 1; rev <= 10; rev++) {
                for (int k = 0; k < 3; k++) {
                    records.add(Purges.keys("key-" + k, rev, k, rev * 10L, ns + "key-" + k));
                }
                records.add(Purges.watermark(rev % 3, rev * 10L + 5));
            }
            fixture.send(records.toArray(PurgeRecord[]::new));

            // then each key's purges are handled once each, in order, the failed one again after its backoff
            await().atMost(Duration.ofSeconds(30)).until(() -> handled.size() == 30);
            Map<String, List<Long>> byKey = handled.stream().collect(Collectors.groupingBy(PurgeRequest::key,
                    Collectors.mapping(PurgeRequest::revision, Collectors.toList())));
            assertThat(byKey).hasSize(3).allSatisfy((key, revisions) ->
                    assertThat(revisions).containsExactly(1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L, 10L));
            assertThat(failedOnce).isTrue();
            for (int k = 0; k < 3; k++) {
                assertThat(cache.get(ns + "key-" + k)).isEmpty();
                assertThat(cache.tombstone(ns + "key-" + k)).contains(10L);
            }
            subscriber.close();
            assertThat(subscriber.state()).isEqualTo(State.STOPPED);
        }
    }
}
