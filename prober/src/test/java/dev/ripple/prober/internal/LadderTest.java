package dev.ripple.prober.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.consistency.Dot;
import dev.ripple.events.Op;
import dev.ripple.prober.Inconsistency;
import dev.ripple.prober.ProberConfig;
import dev.ripple.prober.ProberMetricNames;
import dev.ripple.runtime.kafka.KafkaSettings;
import java.net.SocketException;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The ladder against targets that answer as told, on the real clock and a real scheduler. */
class LadderTest {
    private final ScheduledThreadPoolExecutor executor = new ScheduledThreadPoolExecutor(1);
    private final Clock clock = Clock.systemUTC();
    private final List<Inconsistency> kept = new CopyOnWriteArrayList<>();

    @AfterEach
    void stop() {
        executor.shutdownNow();
    }

    /** A target whose looks answer with {@code answers} in turn (the last one from then on). */
    private record Scripted(String region, boolean staysServed, List<CompletableFuture<Check>> answers,
            List<Integer> looks) implements Target {
        Scripted(String region, List<CompletableFuture<Check>> answers) {
            this(region, true, answers, new CopyOnWriteArrayList<>());
        }

        @Override
        public List<Place> places() {
            return List.of(new Place(region, staysServed ? ProberMetricNames.TARGET_REPLICA : "purge/cache"));
        }

        @Override
        public CompletableFuture<Check> check(SampledWrite write) {
            looks.add(looks.size());
            return answers.get(Math.min(looks.size() - 1, answers.size() - 1));
        }
    }

    private ProbeMeters meters(ProberConfig config) {
        return new ProbeMeters(config.ladder(), config.window(), clock, m -> 0, m -> 0);
    }

    private SampledWrite write() {
        return new SampledWrite("edits", "enwiki:A", Op.UPSERT, 2L, Dot.of("ripple.stream.edits", 0, 7),
                clock.instant());
    }

    @Test
    void shouldCountAWriteServedAtTheSecondLookConsistentFromThatDelayOnAndKeepItsStallUntilThen() {
        ProberConfig config = ProberConfig.defaults(KafkaSettings.of("127.0.0.1:9"))
                .withLadder(List.of(Duration.ofMillis(200), Duration.ofMillis(800), Duration.ofMillis(1600)))
                .withRecordFrom(Duration.ofMillis(200));
        ProbeMeters meters = meters(config);
        // no Kafka: the propagator's progress cannot be read, so it is not blamed
        Ladder ladder = new Ladder(config, executor, clock, meters, new PropagatorProgress(null, "g", clock),
                kept::add);
        Scripted target = new Scripted("eqiad", List.of(
                CompletableFuture.completedFuture(Check.stale(Hop.APPLIER, "status 404")),
                CompletableFuture.completedFuture(Check.consistent("revision 2"))));

        ladder.start(write(), target);

        await().atMost(Duration.ofSeconds(5)).until(() -> meters.rows().stream().mapToLong(r -> r.judged()).sum() == 3);
        assertThat(meters.rows()).extracting(r -> r.withinSeconds() + ":" + r.consistent() + "/" + r.judged())
                .containsExactly("0.2:0/1", "0.8:1/1", "1.6:1/1");
        assertThat(target.looks()).hasSize(2);
        assertThat(kept).hasSize(2);
        assertThat(kept.get(0).hop()).isEqualTo(Hop.APPLIER);
        assertThat(kept.get(1).resolvedWithinSeconds()).isEqualTo(0.8);
    }

    @Test
    void shouldLookAtACacheAtEveryDelayAndCatchAnOlderEntryFilledAfterThePurge() {
        ProberConfig config = ProberConfig.defaults(KafkaSettings.of("127.0.0.1:9"))
                .withLadder(List.of(Duration.ofMillis(200), Duration.ofMillis(800), Duration.ofMillis(1600)))
                .withRecordFrom(Duration.ofMillis(800));
        ProbeMeters meters = meters(config);
        Ladder ladder = new Ladder(config, executor, clock, meters, new PropagatorProgress(null, "g", clock),
                kept::add);
        // purged by the first look; revision 1 filled back before the second; purged again by the third
        Scripted cache = new Scripted("eqiad", false, List.of(
                CompletableFuture.completedFuture(Check.consistent("no entry")),
                CompletableFuture.completedFuture(Check.stale(Hop.CACHE_FILL, "holds revision 1")),
                CompletableFuture.completedFuture(Check.consistent("no entry"))), new CopyOnWriteArrayList<>());

        ladder.start(write(), cache);

        await().atMost(Duration.ofSeconds(5)).until(() -> meters.rows().stream().mapToLong(r -> r.judged()).sum() == 3);
        assertThat(meters.rows()).extracting(r -> r.withinSeconds() + ":" + r.consistent() + "/" + r.judged())
                .containsExactly("0.2:1/1", "0.8:0/1", "1.6:1/1");
        assertThat(cache.looks()).hasSize(3);
        assertThat(kept).extracting(Inconsistency::hop).containsExactly(Hop.CACHE_FILL, Hop.CACHE_FILL);
        assertThat(kept.get(1).resolvedWithinSeconds()).isEqualTo(1.6);
    }

    @Test
    void shouldBlameTheCacheReadForACacheLookThatFailed() {
        ProberConfig config = ProberConfig.defaults(KafkaSettings.of("127.0.0.1:9"))
                .withLadder(List.of(Duration.ofMillis(200), Duration.ofMillis(800)))
                .withRecordFrom(Duration.ofMillis(200));
        ProbeMeters meters = meters(config);
        Ladder ladder = new Ladder(config, executor, clock, meters, new PropagatorProgress(null, "g", clock),
                kept::add);
        Scripted cache = new Scripted("eqiad", false, List.of(
                CompletableFuture.failedFuture(new IllegalStateException("connection reset")),
                CompletableFuture.completedFuture(Check.consistent("no entry"))), new CopyOnWriteArrayList<>());

        ladder.start(write(), cache);

        await().atMost(Duration.ofSeconds(5)).until(() -> meters.rows().stream().mapToLong(r -> r.judged()).sum() == 2);
        assertThat(kept).extracting(Inconsistency::hop).containsExactly(Hop.CACHE_READ, Hop.CACHE_READ);
        assertThat(meters.count(List.of(ProberMetricNames.INCONSISTENCIES, ProberMetricNames.TAG_REGION, "eqiad",
                ProberMetricNames.TAG_TARGET, "purge/cache", ProberMetricNames.TAG_HOP, Hop.CACHE_READ)))
                .isEqualTo(1);
    }

    /**
     * One place under way: eqiad's look, which answers when told; codfw's look at the same write, started once
     * eqiad's is under way, waits its turn.
     */
    private final class OnePlace {
        final ProbeMeters meters;
        final Ladder ladder;
        final CompletableFuture<Check> slowAnswer = new CompletableFuture<>();
        final Scripted slow = new Scripted("eqiad", List.of(slowAnswer));
        final Scripted other = new Scripted("codfw", List.of(CompletableFuture.completedFuture(
                Check.consistent("ok"))));
        final SampledWrite write = write();

        OnePlace(Duration first, Duration second) {
            ProberConfig config = ProberConfig.defaults(KafkaSettings.of("127.0.0.1:9"))
                    .withLadder(List.of(first, second)).withLimits(200, 1000, 1, Duration.ofSeconds(1));
            meters = meters(config);
            ladder = new Ladder(config, executor, clock, meters, null, kept::add);
            ladder.start(write, slow);
            await().atMost(Duration.ofSeconds(5)).until(() -> slow.looks().size() == 1);
            ladder.start(write, other); // due already: it waits its turn at once
            await().atMost(Duration.ofSeconds(5)).until(() -> ladder.pending() == 1);
        }
    }

    @Test
    void shouldMakeALookBeyondTheBoundWaitItsTurnJudgeItThenAndTakeNoSampleMeanwhile() {
        OnePlace busy = new OnePlace(Duration.ofSeconds(1), Duration.ofSeconds(30));
        Ladder ladder = busy.ladder;
        ProbeMeters meters = busy.meters;

        // the one place is taken by eqiad's look; codfw's waits its turn, and no new sample is admitted meanwhile
        assertThat(ladder.admits()).isFalse();
        assertThat(ladder.inFlight()).isEqualTo(1);
        assertThat(busy.other.looks()).isEmpty();

        busy.slowAnswer.complete(Check.consistent("revision 2"));

        // then codfw's look runs in its turn, within half its delay, and both pairs are judged at every delay
        await().atMost(Duration.ofSeconds(5)).until(() -> meters.rows().stream().mapToLong(r -> r.judged()).sum() == 4);
        assertThat(meters.rows()).extracting(r -> r.region() + " " + r.withinSeconds() + ":" + r.consistent() + "/"
                + r.judged()).containsExactly("codfw 1.0:1/1", "codfw 30.0:1/1", "eqiad 1.0:1/1", "eqiad 30.0:1/1");
        assertThat(meters.count(List.of(ProberMetricNames.SKIPPED, "reason", "late-look"))).isZero();
        assertThat(ladder.admits()).isTrue();
        assertThat(ladder.inFlight()).isZero();
    }

    @Test
    void shouldLeaveADelayUnjudgedWhenItsLookWaitedPastHalfOfItAndJudgeTheNextOne() {
        OnePlace busy = new OnePlace(Duration.ofMillis(100), Duration.ofSeconds(1));
        ProbeMeters meters = busy.meters;
        await().atMost(Duration.ofSeconds(5)).until(() -> clock.millis() > busy.write.writtenAt().toEpochMilli() + 200);
        busy.slowAnswer.complete(Check.consistent("revision 2"));

        // codfw's 100-ms look could start only after 150 ms: that delay is not judged, its 1-s one is
        await().atMost(Duration.ofSeconds(5)).until(() -> busy.other.looks().size() == 1);
        assertThat(meters.count(List.of(ProberMetricNames.SKIPPED, "reason", "late-look"))).isEqualTo(1);
        assertThat(meters.count(List.of(ProberMetricNames.SKIPPED, "reason", "late"))).as("samples left out whole")
                .isZero();
        assertThat(meters.rows()).filteredOn(r -> r.region().equals("codfw")).extracting(r -> r.withinSeconds()
                + ":" + r.consistent() + "/" + r.judged()).containsExactly("1.0:1/1");
    }

    @Test
    void shouldNotHoldAgainstATargetALookThatFailedOnTheProbersOwnSide() {
        ProberConfig config = ProberConfig.defaults(KafkaSettings.of("127.0.0.1:9"))
                .withLadder(List.of(Duration.ofMillis(20), Duration.ofMillis(100)));
        ProbeMeters meters = meters(config);
        Ladder ladder = new Ladder(config, executor, clock, meters, null, kept::add);
        Scripted target = new Scripted("eqiad", List.of(
                CompletableFuture.completedFuture(Check.failedLook(Hop.READ_API, "no answer",
                        new SocketException("Too many open files"))),
                CompletableFuture.completedFuture(Check.consistent("revision 2"))));

        ladder.start(write(), target);

        await().atMost(Duration.ofSeconds(5)).until(() -> target.looks().size() == 2);
        await().atMost(Duration.ofSeconds(5)).until(() -> meters.rows().stream().mapToLong(r -> r.judged()).sum() == 1);
        assertThat(meters.rows()).extracting(r -> r.withinSeconds() + ":" + r.consistent() + "/" + r.judged())
                .containsExactly("0.1:1/1");
        assertThat(meters.count(List.of(ProberMetricNames.SKIPPED, "reason", "prober-error"))).isEqualTo(1);
        assertThat(meters.count(List.of(ProberMetricNames.CHECKS, "outcome", "unjudged"))).isEqualTo(1);
        assertThat(kept).isEmpty();
    }

    @Test
    void shouldCountOneLookForEveryPlaceThatIsTheSameCacheAndKeepTheStallOfEach() {
        ProberConfig config = ProberConfig.defaults(KafkaSettings.of("127.0.0.1:9"))
                .withLadder(List.of(Duration.ofMillis(200), Duration.ofMillis(800)))
                .withRecordFrom(Duration.ofMillis(200));
        ProbeMeters meters = meters(config);
        Ladder ladder = new Ladder(config, executor, clock, meters, new PropagatorProgress(null, "g", clock),
                kept::add);
        List<Integer> looks = new CopyOnWriteArrayList<>();
        Target oneRedis = new Target() {
            @Override
            public List<Place> places() {
                return List.of(new Place("eqiad", "purge/cache"), new Place("codfw", "purge/cache"));
            }

            @Override
            public boolean staysServed() {
                return false;
            }

            @Override
            public CompletableFuture<Check> check(SampledWrite write) {
                looks.add(looks.size());
                return CompletableFuture.completedFuture(looks.size() == 1 ? Check.stale(Hop.PURGER,
                        "holds revision 1") : Check.consistent("no entry"));
            }
        };

        ladder.start(write(), oneRedis);

        await().atMost(Duration.ofSeconds(5)).until(() -> meters.rows().stream().mapToLong(r -> r.judged()).sum() == 4);
        assertThat(looks).hasSize(2);
        assertThat(meters.rows()).extracting(r -> r.region() + " " + r.withinSeconds() + ":" + r.consistent() + "/"
                + r.judged()).containsExactly("codfw 0.2:0/1", "codfw 0.8:1/1", "eqiad 0.2:0/1", "eqiad 0.8:1/1");
        assertThat(kept).extracting(i -> i.region() + " " + i.hop() + " " + (i.resolvedWithinSeconds() != null))
                .containsExactlyInAnyOrder("eqiad purger false", "codfw purger false", "eqiad purger true",
                        "codfw purger true");
    }
}
