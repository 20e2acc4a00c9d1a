package dev.ripple.producer;

import static dev.ripple.producer.HostileRequests.assertProblem;
import static dev.ripple.producer.HostileRequests.batch;
import static dev.ripple.producer.HostileRequests.event;
import static dev.ripple.producer.HostileRequests.json;
import static dev.ripple.producer.HostileRequests.send;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.config.ConfigDocuments;
import dev.ripple.config.ProducerDoc;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.testsupport.ManualClock;
import dev.ripple.testsupport.TestKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.awaitility.Awaitility;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The intake's hostile-input classes that are limits over time (issue 16, items 6 and 10): failed authentications
 * per address and producer rates with a burst, on a manual clock so that no test sleeps. The other classes are in
 * {@link IntakeHostileIT}; the table in producer/README.md names each test.
 */
@ExtendWith(KafkaExtension.class)
class IntakeRateLimitsIT {
    private static final String STRICT = "hostile-strict";
    private static final String HALF_TOKEN = "half.token-of-a-producer-at-half-an-event-a-second";
    private static final SimpleMeterRegistry strictMetrics = new SimpleMeterRegistry();

    private static IntakeFixture strict;
    private static ManualClock clock;

    @BeforeAll
    static void start(EmbeddedKafka kafka) {
        PublisherConfig publisher = PublisherConfig.defaults(kafka.bootstrapServers(), TestKeys.CODEC)
                .withTimeouts(Duration.ofSeconds(2), Duration.ofSeconds(10));
        clock = new ManualClock(Instant.parse("2026-12-04T10:00:00Z"));
        strict = new IntakeFixture(kafka, STRICT, publisher, IntakeConfig.defaults().withLimits(IntakeLimits
                .defaults().withFailedAuths(3, Duration.ofSeconds(20))).withPartitions(3), clock);
        strict.intake.metrics().bindTo(strictMetrics);
        strict.store.txnRun(txn -> ConfigDocuments.put(txn, ProducerDoc.withToken("half", HALF_TOKEN,
                List.of(STRICT)).withRate(0.5, 2)));
        Awaitility.await().atMost(Duration.ofSeconds(30))
                .until(() -> strict.view.snapshot().producers().containsKey("half"));
    }

    @AfterAll
    static void stop() throws Exception {
        strict.close();
    }

    // ---- 6: failed authentications are limited per address

    @Test
    void shouldAnswer429WithAnHonestRetryAfterWhenAnAddressKeepsFailingAndLetKnownTokensThrough() throws Exception {
        // given the writer's token verified once from this address
        assertThat(send(strict, json(IntakeFixture.TOKEN, event(STRICT, "before"))).statusCode()).isEqualTo(201);
        long before = strict.recordsOn(topic(STRICT));

        // when the address fails 3 times (its burst), then tries again
        for (int i = 0; i < 3; i++) {
            assertProblem(send(strict, json("writer.guess-number-" + i + "-of-many", event(STRICT, "k"))), 401,
                    "bad-producer-token", "producer-id");
        }
        double hashes = strictHashes();
        HttpResponse<String> limited = send(strict, json("writer.guess-number-4-of-many", event(STRICT, "k")));

        // then it is told to wait for the next attempt (one per 20 s), without a hash
        assertProblem(limited, 429, "too-many-failed-authentications", "Retry after 20 s");
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("20");
        assertThat(strictHashes()).isEqualTo(hashes);
        assertThat(strict.recordsOn(topic(STRICT))).isEqualTo(before);
        assertThat(strictMetrics.get(IntakeMetricNames.LIMIT_HITS).tag("limit", "failed_auths").counter().count())
                .isEqualTo(1);
        // and a token verified before still works; after the wait, a guess is checked (and refused) again
        assertThat(send(strict, json(IntakeFixture.TOKEN, event(STRICT, "after"))).statusCode()).isEqualTo(201);
        clock.advance(Duration.ofSeconds(20));
        assertProblem(send(strict, json("writer.guess-number-5-of-many", event(STRICT, "k"))), 401,
                "bad-producer-token", "producer-id");
        clock.advance(Duration.ofMinutes(1));
    }

    // ---- 10: rates with a burst and an honest Retry-After

    @Test
    void shouldAnswer429WithTheWaitUntilABatchFitsAtAFractionalRateAndAcceptItThen() throws Exception {
        // given producer 'half': 0.5 events/s, burst 2, which it spends at once
        assertThat(send(strict, json(HALF_TOKEN, batch(STRICT, "half-a", 2))).statusCode()).isEqualTo(201);
        long before = strict.recordsOn(topic(STRICT));

        // when it sends 2 more at once
        HttpResponse<String> limited = send(strict, json(HALF_TOKEN, batch(STRICT, "half-b", 2)));

        // then it is told they fit in 4 s (2 events at 0.5/s), and they do
        assertProblem(limited, 429, "rate-limited", "fit in 4 s");
        assertThat(limited.headers().firstValue("Retry-After")).hasValue("4");
        assertThat(strict.recordsOn(topic(STRICT))).isEqualTo(before);
        clock.advance(Duration.ofSeconds(3));
        assertThat(send(strict, json(HALF_TOKEN, batch(STRICT, "half-c", 2))).statusCode()).isEqualTo(429);
        clock.advance(Duration.ofSeconds(1));
        assertThat(send(strict, json(HALF_TOKEN, batch(STRICT, "half-d", 2))).statusCode()).isEqualTo(201);
    }

    @Test
    void shouldAnswer413ForABatchLargerThanTheBurstSayingItCanNeverPass() throws Exception {
        long before = strict.recordsOn(topic(STRICT));

        HttpResponse<String> response = send(strict, json(HALF_TOKEN, batch(STRICT, "half-big", 3)));

        JsonNode problem = assertProblem(response, 413, "batch-over-burst", "batches of at most 2 events");
        assertThat(problem.get("detail").asText()).contains("never pass", "burst");
        assertThat(response.headers().firstValue("Retry-After")).isEmpty();
        assertThat(strict.recordsOn(topic(STRICT))).isEqualTo(before);
    }

    private static String topic(String stream) {
        return "ripple.stream." + stream;
    }

    private static double strictHashes() {
        var counter = strictMetrics.find(IntakeMetricNames.TOKEN_HASHES).counter();
        return counter == null ? 0 : counter.count();
    }
}
