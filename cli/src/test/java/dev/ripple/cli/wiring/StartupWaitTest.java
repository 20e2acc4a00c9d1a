package dev.ripple.cli.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.cli.CliException;
import dev.ripple.testsupport.ManualClock;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.ConnectException;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.KafkaException;
import org.junit.jupiter.api.Test;

class StartupWaitTest {
    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-05T00:00:00Z"));
    private final List<Duration> slept = new ArrayList<>();
    private final StringWriter out = new StringWriter();

    private StartupWait waitUpTo(Duration limit) {
        return new StartupWait("ripple purger", new PrintWriter(out), limit, clock, d -> {
            slept.add(d);
            clock.advance(d);
        });
    }

    @Test
    void shouldRetryWithGrowingPausesSayingWhatItWaitsForUntilItAnswers() throws Exception {
        // given etcd that refuses twice, then answers
        AtomicInteger calls = new AtomicInteger();
        StartupWait.Dependency etcd = new StartupWait.Dependency("etcd at http://etcd:2379", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("etcd is unavailable", new ConnectException("Connection refused"));
            }
        });

        // when the part waits for it
        waitUpTo(Duration.ofSeconds(120)).await(List.of(etcd));

        // then it tried three times, backing off 0.5 s then 1 s, and said each time what and why
        assertThat(calls).hasValue(3);
        assertThat(slept).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1));
        assertThat(out.toString().lines()).containsExactly(
                "ripple purger: waiting for etcd at http://etcd:2379 (etcd is unavailable (cause: Connection refused));"
                        + " retrying in 500 ms",
                "ripple purger: waiting for etcd at http://etcd:2379 (etcd is unavailable (cause: Connection refused));"
                        + " retrying in 1000 ms");
    }

    @Test
    void shouldGiveUpAtTheLimitNamingWhatDidNotAnswerAndWhyWithoutAStackTrace() {
        // given Kafka that never answers
        StartupWait.Dependency kafka = new StartupWait.Dependency("Kafka at kafka:9092", () -> {
            throw new TimeoutException("Timed out waiting for a node assignment");
        });

        // then the wait ends at the limit with a message that says what to do
        assertThatThrownBy(() -> waitUpTo(Duration.ofSeconds(30)).await(List.of(kafka)))
                .isInstanceOf(CliException.class)
                .hasMessage("ripple purger: Kafka at kafka:9092 did not answer within 30 s (Timed out waiting for a "
                        + "node assignment). Check that it runs and that this host reaches it, or wait longer with "
                        + "--startup-timeout-s.");
        // and the pauses grew to the 10 s cap and never overshot the limit
        assertThat(slept).containsExactly(Duration.ofMillis(500), Duration.ofSeconds(1), Duration.ofSeconds(2),
                Duration.ofSeconds(4), Duration.ofSeconds(8), Duration.ofSeconds(10), Duration.ofMillis(4500));
    }

    @Test
    void shouldNotWaitWhenTheSettingsThemselvesAreWrong() {
        // given Kafka settings the client cannot even be built from
        StartupWait.Dependency kafka = new StartupWait.Dependency("Kafka at kafka:9092", () -> {
            throw new StartupWait.Misconfigured(new KafkaException("Failed to create new KafkaAdminClient",
                    new IllegalArgumentException("Could not find a 'KafkaClient' entry in the JAAS configuration")));
        });

        // then the part does not start, at once, saying why
        assertThatThrownBy(() -> waitUpTo(Duration.ofSeconds(120)).await(List.of(kafka)))
                .isInstanceOf(CliException.class)
                .hasMessage("ripple purger could not start: Failed to create new KafkaAdminClient (cause: Could not "
                        + "find a 'KafkaClient' entry in the JAAS configuration)");
        assertThat(slept).isEmpty();
    }

    @Test
    void shouldNotWaitForWhatAnswersAtOnce() throws Exception {
        waitUpTo(Duration.ofSeconds(1)).await(List.of(new StartupWait.Dependency("etcd", () -> { })));

        assertThat(slept).isEmpty();
        assertThat(out.toString()).isEmpty();
    }
}
