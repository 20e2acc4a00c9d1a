package dev.ripple.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.consistency.Dot;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventMeta;
import dev.ripple.producer.KafkaUnavailableException;
import dev.ripple.producer.RetryWindow;
import dev.ripple.testsupport.ManualClock;
import dev.ripple.testsupport.TestEvents;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;

/** The intake's memory of client meta.ids: a retry finds its first publish; the memory is bounded in age and size. */
class RecentIdsTest {
    private static final Dot DOT = Dot.of("ripple.stream.edits", 2, 41);

    private final ManualClock clock = new ManualClock(Instant.parse("2026-12-05T10:00:00Z"));
    private final AtomicInteger forgotEarly = new AtomicInteger();
    private final RecentIds recent = new RecentIds(new RetryWindow(Duration.ofMinutes(10), 3), clock,
            forgotEarly::incrementAndGet);

    @Test
    void shouldAnswerARetryWithTheFirstPublishsDotOnceAcknowledged() {
        EditEvent event = TestEvents.upsert("edits", "k", 7);
        CompletableFuture<Dot> first = ((RecentIds.Claim.First) recent.claim("writer", event)).outcome();

        RecentIds.Claim retry = recent.claim("writer", event);

        assertThat(retry).isInstanceOf(RecentIds.Claim.Retry.class);
        CompletableFuture<Dot> answer = ((RecentIds.Claim.Retry) retry).outcome();
        assertThat(answer).as("in flight: the retry waits").isNotDone();
        first.complete(DOT);
        assertThat(answer).isCompletedWithValue(DOT);
    }

    @Test
    void shouldTreatARetryWithANewTimeAndRequestIdAndAnUpperCaseIdAsTheSameEvent() {
        EditEvent event = TestEvents.upsert("edits", "k", 7);
        EventMeta meta = event.meta();
        EditEvent again = event.withMeta(new EventMeta(meta.id().toUpperCase(Locale.ROOT), meta.dt().plusSeconds(5),
                meta.stream(), meta.uri(), meta.domain(), "another-request", null));
        recent.claim("writer", event);

        assertThat(recent.claim("writer", again)).isInstanceOf(RecentIds.Claim.Retry.class);
    }

    @Test
    void shouldRefuseAnIdReusedForAnotherEventButNotAcrossProducersOrStreams() {
        EditEvent event = TestEvents.upsert("edits", "k", 7);
        recent.claim("writer", event);
        clock.advance(Duration.ofSeconds(30));

        RecentIds.Claim reused = recent.claim("writer", new EditEvent(event.schema(), event.meta(), "k", event.op(),
                8L, null, event.contentType(), event.body(), event.tags(), null, null, null));

        assertThat(reused).isEqualTo(new RecentIds.Claim.Conflict(30_000));
        assertThat(recent.claim("other-producer", event)).isInstanceOf(RecentIds.Claim.First.class);
        EventMeta otherStream = new EventMeta(event.meta().id(), event.meta().dt(), "edits-other", null, null, null,
                null);
        assertThat(recent.claim("writer", event.withMeta(otherStream))).isInstanceOf(RecentIds.Claim.First.class);
    }

    @Test
    void shouldForgetAnIdWhosePublishFailedSoThatItsRetryPublishesAnew() {
        EditEvent event = TestEvents.upsert("edits", "k", 7);
        CompletableFuture<Dot> first = ((RecentIds.Claim.First) recent.claim("writer", event)).outcome();

        first.completeExceptionally(new KafkaUnavailableException("broker down", null));

        assertThat(recent.claim("writer", event)).isInstanceOf(RecentIds.Claim.First.class);
        assertThat(recent.size()).isEqualTo(1);
    }

    @Test
    void shouldKeepAnIdKafkaNeverAnsweredForItsRetryToLookForItOnceWhileFurtherRetriesWait() {
        EditEvent event = TestEvents.upsert("edits", "k", 7);
        CompletableFuture<Dot> first = ((RecentIds.Claim.First) recent.claim("writer", event)).outcome();
        UncertainWriteException lost = new UncertainWriteException("no answer", null,
                new TopicPartition("ripple.stream.edits", 2), clock.millis());
        first.completeExceptionally(lost);

        RecentIds.Claim retry = recent.claim("writer", event);
        RecentIds.Claim meanwhile = recent.claim("writer", event);

        assertThat(retry).isInstanceOf(RecentIds.Claim.Uncertain.class);
        assertThat(((RecentIds.Claim.Uncertain) retry).write()).isSameAs(lost);
        assertThat(meanwhile).as("one look at a time").isInstanceOf(RecentIds.Claim.Retry.class);
        ((RecentIds.Claim.Uncertain) retry).outcome().complete(DOT);
        assertThat(((RecentIds.Claim.Retry) meanwhile).outcome()).isCompletedWithValue(DOT);
        assertThat(recent.claim("writer", event)).isInstanceOf(RecentIds.Claim.Retry.class);
    }

    @Test
    void shouldKeepTheWindowOfTheFirstPublishWhenAnUncertainWriteIsRetried() {
        EditEvent event = TestEvents.upsert("edits", "k", 7);
        CompletableFuture<Dot> first = ((RecentIds.Claim.First) recent.claim("writer", event)).outcome();
        first.completeExceptionally(new UncertainWriteException("no answer", null,
                new TopicPartition("ripple.stream.edits", 2), clock.millis()));
        clock.advance(Duration.ofMinutes(9));
        RecentIds.Claim.Uncertain retry = (RecentIds.Claim.Uncertain) recent.claim("writer", event);
        retry.outcome().completeExceptionally(retry.write()); // the look could not tell

        clock.advance(Duration.ofMinutes(1));

        assertThat(recent.claim("writer", event)).as("forgotten 10 minutes after the first publish")
                .isInstanceOf(RecentIds.Claim.First.class);
    }

    @Test
    void shouldForgetAnIdAtTheEndOfItsWindowWithoutCountingALimitHit() {
        EditEvent event = TestEvents.upsert("edits", "k", 7);
        recent.claim("writer", event);
        clock.advance(Duration.ofMinutes(10).minusMillis(1));
        assertThat(recent.claim("writer", event)).as("a retry does not extend the window")
                .isInstanceOf(RecentIds.Claim.Retry.class);

        clock.advance(Duration.ofMillis(1));

        assertThat(recent.claim("writer", event)).isInstanceOf(RecentIds.Claim.First.class);
        assertThat(forgotEarly).hasValue(0);
    }

    @Test
    void shouldStayWithinItsBoundForgettingTheOldestFirstAndCountingEachForgottenEarly() {
        EditEvent oldest = TestEvents.upsert("edits", "k0", 1);
        recent.claim("writer", oldest);

        for (int i = 1; i <= 1000; i++) {
            recent.claim("writer", TestEvents.upsert("edits", "k" + i, 1));
        }

        assertThat(recent.size()).isEqualTo(3);
        assertThat(forgotEarly).hasValue(998);
        assertThat(recent.claim("writer", oldest)).isInstanceOf(RecentIds.Claim.First.class);
    }
}
