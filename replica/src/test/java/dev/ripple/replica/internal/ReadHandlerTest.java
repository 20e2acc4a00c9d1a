package dev.ripple.replica.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.consistency.Dot;
import dev.ripple.consistency.Position;
import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.events.Op;
import dev.ripple.events.RegionPosition;
import dev.ripple.replica.ReadApiConfig;
import dev.ripple.replica.ReadGate;
import dev.ripple.replica.ReplicaMetricNames;
import dev.ripple.replica.ReplicaStoreException;
import dev.ripple.replica.StoredObject;
import dev.ripple.replica.StoredPosition;
import dev.ripple.testsupport.TestKeys;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ReadHandlerTest {
    private static final SessionTokenCodec TOKENS = TestKeys.codec("k1");
    private static final Clock CLOCK = Clock.fixed(TestRecords.T0.plusSeconds(60), ZoneOffset.UTC);
    private final PositionBoard board = new PositionBoard();
    private final MemoryStore eqiad = new MemoryStore("eqiad");
    private final MemoryStore codfw = new MemoryStore("codfw");
    /** The epoch in force, as a config watch would move it. */
    private final AtomicLong epoch = new AtomicLong(1);
    private final ReadApiConfig config = ReadApiConfig.defaults().withEpoch(epoch::get)
            .withWaits(Duration.ofMillis(200), Duration.ofSeconds(5), 1);
    private final ReadMetrics metrics = new ReadMetrics(List.of("eqiad", "codfw"), board);
    /** Regions whose conit gate is closed, with the reason. */
    private final Map<String, ReadGate.Closed> gateClosed = new ConcurrentHashMap<>();
    private final ReadHandler handler = new ReadHandler(config, TOKENS, Map.of("eqiad", eqiad, "codfw", codfw), board,
            (region, k) -> Optional.ofNullable(gateClosed.get(region)), CLOCK, metrics);
    private final String key = "enwiki:Main_Page";
    private final int p = handler.partitionOf(key);
    private final TopicPartitionKey entry = TopicPartitionKey.of(TestRecords.TOPIC, p);

    @AfterEach
    void close() {
        board.close();
    }

    @Test
    void shouldServeAReadWhoseSessionTheRegionCoversWithTheMergedTokenAndHeaders() {
        // given eqiad holds the key at offset 41 and has applied its partition up to 50
        store(eqiad, 41, 50);
        String token = TOKENS.encode(Position.of(1, Map.of(entry, 41L)));

        // when a session that wrote offset 41 reads it
        ReadAnswer answer = read("eqiad", token, null, null);

        // then it is served at once, with the body, the ETag, and a token that also covers eqiad's partition
        assertThat(answer.status()).isEqualTo(200);
        assertThat(answer.outcome()).isEqualTo("ok");
        assertThat(new String(answer.body(), StandardCharsets.UTF_8)).isEqualTo("v41");
        assertThat(answer.contentType()).isEqualTo("text/plain");
        assertThat(answer.headers()).containsEntry("ETag", "\"41/" + TestRecords.TOPIC + ":" + p + "@41\"")
                .containsEntry(ReadHeaders.SERVED_BY, "eqiad; waited=0")
                .containsEntry(ReadHeaders.STALENESS, "0")
                .containsEntry(ReadHeaders.APPLIED_POSITION, Position.of(1, Map.of(entry, 50L)).toJson());
        Position out = TOKENS.decode(answer.headers().get(ReadHeaders.TOKEN), 1).position();
        assertThat(out.offset(entry)).isEqualTo(50);
    }

    @Test
    void shouldRefuseARegionBehindTheSessionAndRedirectToOneThatCoversIt() {
        // given eqiad at offset 50 of the key's partition and codfw at 30; both known on the board
        store(eqiad, 41, 50);
        store(codfw, 20, 30);
        board.offer(Positions.of("eqiad", 1, List.of(eqiad.position(p).toCompletableFuture().join()),
                CLOCK.instant(), Set.of()));
        String token = TOKENS.encode(Position.of(1, Map.of(entry, 41L)));

        // when the session reads in codfw with refuse, then with redirect
        ReadAnswer refused = read("codfw", token, null, "refuse");
        ReadAnswer redirected = read("codfw", token, null, "redirect");

        // then both are 409 session-not-available; only redirect names eqiad
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.problem()).containsEntry("type", ReadAnswer.PROBLEM_BASE + "session-not-available")
                .containsEntry("status", 409).containsKey("detail");
        assertThat((String) refused.problem().get("detail")).contains("lacks " + entry + " up to 41 (has 30)");
        assertThat(refused.headers()).containsEntry("Retry-After", "1").doesNotContainKey(ReadHeaders.REDIRECT_REGION);
        assertThat(refused.outcome()).isEqualTo("refused");
        assertThat(redirected.headers()).containsEntry(ReadHeaders.REDIRECT_REGION, "eqiad");
        assertThat(redirected.outcome()).isEqualTo("redirected");
    }

    @Test
    void shouldWaitUntilTheRegionCatchesUpWithoutPollingAndThenServe() {
        // given codfw behind the session
        store(codfw, 20, 30);
        String token = TOKENS.encode(Position.of(1, Map.of(entry, 41L)));

        // when the session reads there with a long wait
        CompletableFuture<ReadAnswer> answer = handler.read("codfw", key, token, null, "wait=60000");
        assertThat(answer).isNotDone();

        // and the applier moves codfw past the session (the store first, then the board, as an applier does)
        store(codfw, 41, 45);
        board.offer(Positions.of("codfw", 1, List.of(codfw.position(p).toCompletableFuture().join()),
                CLOCK.instant(), Set.of()));

        // then the read is served at once, as waited
        assertThat(answer).isCompleted();
        assertThat(answer.join().status()).isEqualTo(200);
        assertThat(answer.join().outcome()).isEqualTo("waited");
        assertThat(new String(answer.join().body(), StandardCharsets.UTF_8)).isEqualTo("v41");
    }

    @Test
    void shouldAnswer409WhenTheWaitIsOverAndAtOnceWhenTooManyReadsWait() {
        // given codfw and eqiad behind the session
        store(codfw, 20, 30);
        String token = TOKENS.encode(Position.of(1, Map.of(entry, 41L)));
        SimpleMeterRegistry meters = new SimpleMeterRegistry();
        metrics.bindTo(meters);

        // when one read waits 1 ms, another waits a minute, and a third asks to wait while the limit (1) is taken
        ReadAnswer timedOut = handler.read("eqiad", key, token, null, "wait=1").join();
        CompletableFuture<ReadAnswer> holding = handler.read("codfw", key, token, null, "wait=60000");
        ReadAnswer rejected = read("codfw", token, null, "wait=60000");

        // then the first is refused after its wait, the third at once, counted

        assertThat(holding).isNotDone();
        assertThat(rejected.status()).isEqualTo(409);
        assertThat(timedOut.status()).isEqualTo(409);
        assertThat(meters.find(ReplicaMetricNames.READ_WAITERS_REJECTED).functionCounter().count()).isEqualTo(1);
    }

    @Test
    void shouldRefuseAStaleReadUnderTheRequestsStalenessBound() {
        // given eqiad 20 records ahead of codfw on the key's partition, codfw's newest apply 30 s old
        store(eqiad, 41, 50);
        store(codfw, 20, 30);
        board.offer(Positions.of("eqiad", 1, List.of(eqiad.position(p).toCompletableFuture().join()),
                CLOCK.instant(), Set.of()));

        // when a reader without a token asks codfw for at most 5 versions, or 60 s
        ReadAnswer strict = read("codfw", null, "versions=5", "refuse");
        ReadAnswer lenient = read("codfw", null, "ms=60000", "refuse");

        // then the strict read is refused, the lenient one served with its staleness
        assertThat(strict.status()).isEqualTo(409);
        assertThat(strict.problem()).containsEntry("type", ReadAnswer.PROBLEM_BASE + "staleness-bound-exceeded")
                .containsEntry("staleness_versions", 20L);
        assertThat(lenient.status()).isEqualTo(200);
        assertThat(lenient.headers()).containsEntry(ReadHeaders.STALENESS, "30000");
    }

    @Test
    void shouldAnswerTheDocumentedStatusForEveryBadRequest() {
        store(eqiad, 41, 50);
        String forged = TOKENS.encode(Position.of(1, Map.of(entry, 41L)));
        forged = forged.substring(0, forged.length() - 2) + (forged.endsWith("AA") ? "BB" : "AA");
        String older = TOKENS.encode(Position.of(0, Map.of(entry, 41L)));
        String later = TOKENS.encode(Position.of(7, Map.of(entry, 41L)));

        assertThat(read("eqiad", "not-a-token", null, null).status()).isEqualTo(400);
        assertThat(read("eqiad", forged, null, null).problem())
                .containsEntry("type", ReadAnswer.PROBLEM_BASE + "invalid-session-token").containsEntry("status", 400);
        assertThat(read("eqiad", older, null, null).problem())
                .containsEntry("type", ReadAnswer.PROBLEM_BASE + "stale-session-token").containsEntry("status", 410);
        assertThat(read("eqiad", later, null, null).status()).isEqualTo(400);
        assertThat(read("eqiad", null, "hours=1", null).problem())
                .containsEntry("type", ReadAnswer.PROBLEM_BASE + "invalid-header");
        assertThat(handler.read("nowhere", key, null, null, null).join().problem())
                .containsEntry("type", ReadAnswer.PROBLEM_BASE + "unknown-region").containsEntry("status", 404);
        assertThat(handler.read("eqiad", "x".repeat(2000), null, null, null).join().status()).isEqualTo(400);
    }

    @Test
    void shouldAnswer404ForAnAbsentOrDeletedKeyStillMergingTheSession() {
        // given a key deleted at offset 45
        store(eqiad, 41, 50);
        eqiad.put(p, new StoredObject(key, Op.DELETE, null, Dot.of(TestRecords.TOPIC, p, 45), null, null,
                TestRecords.T0, TestRecords.T0));

        ReadAnswer deleted = read("eqiad", null, null, null);
        ReadAnswer absent = handler.read("eqiad", "no-such-key", null, null, null).join();

        assertThat(deleted.status()).isEqualTo(404);
        assertThat((String) deleted.problem().get("detail")).contains("deleted at " + TestRecords.TOPIC);
        assertThat(absent.problem()).containsEntry("type", ReadAnswer.PROBLEM_BASE + "object-not-found");
        assertThat(deleted.headers()).containsKey(ReadHeaders.TOKEN);
    }

    @Test
    void shouldAnswer503WhenTheStoreFails() {
        eqiad.failWith(new ReplicaStoreException("Redis is down", true, null));

        ReadAnswer answer = read("eqiad", null, null, null);

        assertThat(answer.status()).isEqualTo(503);
        assertThat(answer.headers()).containsKey("Retry-After");
    }

    @Test
    void shouldHoldReadsAtARegionWhoseConitGateIsClosedAndServeThemWhenItOpens() {
        // given both regions have applied the key, and a gate-reads conit is past its bounds in codfw
        store(eqiad, 41, 50);
        store(codfw, 41, 50);
        board.offer(Positions.of("eqiad", 1, List.of(eqiad.position(p).toCompletableFuture().join()),
                CLOCK.instant(), Set.of()));
        gateClosed.put("codfw", ReadGate.Closed.exceeded("Conit 'pages' gates reads and region codfw is past its "
                + "bounds: max_unapplied."));

        // when a reader asks codfw with refuse, then with redirect
        ReadAnswer refused = read("codfw", null, null, "refuse");
        ReadAnswer redirected = read("codfw", null, null, "redirect");

        // then codfw refuses with staleness-bound-exceeded naming the conit, and redirect names eqiad
        assertThat(refused.status()).isEqualTo(409);
        assertThat(refused.problem()).containsEntry("type", ReadAnswer.PROBLEM_BASE + "staleness-bound-exceeded");
        assertThat((String) refused.problem().get("detail")).contains("Conit 'pages'", "codfw");
        assertThat(redirected.headers()).containsEntry(ReadHeaders.REDIRECT_REGION, "eqiad");

        // and once the conit is back within bounds, codfw serves again
        gateClosed.remove("codfw");
        assertThat(read("codfw", null, null, "refuse").status()).isEqualTo(200);
    }

    @Test
    void shouldRefuseWith503WhenAConitStatusIsUnknownAndRedirectToARegionWhoseStatusIsKnown() {
        // given both regions have applied the key, and codfw's standing in a gate-reads conit is unknown
        store(eqiad, 41, 50);
        store(codfw, 41, 50);
        board.offer(Positions.of("eqiad", 1, List.of(eqiad.position(p).toCompletableFuture().join()),
                CLOCK.instant(), Set.of()));
        gateClosed.put("codfw", ReadGate.Closed.unknown("Conit 'pages' gates reads, and its latest status is 9000 ms "
                + "old."));

        // when a reader asks codfw with refuse, then with redirect
        ReadAnswer refused = read("codfw", null, null, "refuse");
        ReadAnswer redirected = read("codfw", null, null, "redirect");

        // then codfw answers 503 conit-status-unknown saying why, and redirect names eqiad
        assertThat(refused.status()).isEqualTo(503);
        assertThat(refused.problem()).containsEntry("type", ReadAnswer.PROBLEM_BASE + "conit-status-unknown");
        assertThat((String) refused.problem().get("detail")).contains("Conit 'pages'", "9000 ms old");
        assertThat(refused.headers()).containsKey("Retry-After");
        assertThat(redirected.status()).isEqualTo(409);
        assertThat(redirected.headers()).containsEntry(ReadHeaders.REDIRECT_REGION, "eqiad");
    }

    @Test
    void shouldWakeAReadHeldByTheGateWhenTheGateOpensThoughNoPositionMoves() {
        // given codfw has applied the key but a gate-reads conit holds it
        store(codfw, 41, 50);
        board.offer(Positions.of("codfw", 1, List.of(codfw.position(p).toCompletableFuture().join()),
                CLOCK.instant(), Set.of()));
        gateClosed.put("codfw", ReadGate.Closed.exceeded("Conit 'pages' gates reads."));
        CompletableFuture<ReadAnswer> held = handler.read("codfw", key, null, null, "wait=60000");
        assertThat(held).isNotDone();

        // when the gate opens and the board is told so, with no new position
        gateClosed.remove("codfw");
        board.recheck();

        // then the held read is served at once
        assertThat(held).isDone();
        assertThat(held.join().status()).isEqualTo(200);
        assertThat(held.join().outcome()).isEqualTo("waited");
    }

    @Test
    void shouldFollowAnEpochBumpRefusingOldTokensWith410AndServingNewSessionsInTheNewEpoch() {
        // given eqiad at offset 50 in epoch 1, and a session of epoch 1 that it serves
        store(eqiad, 41, 50);
        String old = TOKENS.encode(Position.of(1, Map.of(entry, 41L)));
        assertThat(read("eqiad", old, null, null).status()).isEqualTo(200);

        // when the epoch is raised to 2 (the region has applied nothing in it yet)
        epoch.set(2);

        // then the old token is gone (410), a new session is served and gets a token of epoch 2 that claims
        // nothing of epoch 1, and a session of epoch 2 ahead of the region waits for it (409, naming the offset)
        ReadAnswer stale = read("eqiad", old, null, null);
        assertThat(stale.problem()).containsEntry("type", ReadAnswer.PROBLEM_BASE + "stale-session-token")
                .containsEntry("status", 410);
        ReadAnswer fresh = read("eqiad", null, null, null);
        assertThat(fresh.status()).isEqualTo(200);
        Position issued = TOKENS.decode(fresh.headers().get(ReadHeaders.TOKEN), 2).position();
        assertThat(issued.offsets()).isEmpty();
        assertThat(fresh.headers()).containsEntry(ReadHeaders.APPLIED_POSITION, Position.empty(2).toJson());
        ReadAnswer ahead = read("eqiad", TOKENS.encode(Position.of(2, Map.of(entry, 3L))), null, "refuse");
        assertThat(ahead.problem()).containsEntry("type", ReadAnswer.PROBLEM_BASE + "session-not-available")
                .containsEntry("status", 409);
    }

    @Test
    void shouldRefuseAPartitionThatLostItsDataRatherThanAnswer404() {
        // given eqiad's applier had applied the key's partition up to 50, and its store now holds nothing of it
        store(eqiad, 41, 50);
        board.offer(Positions.of("eqiad", 1, List.of(eqiad.position(p).toCompletableFuture().join()),
                CLOCK.instant(), Set.of()));
        eqiad.position(new StoredPosition(p, Position.empty(1), Map.of(), StoredPosition.Status.ABSENT, null,
                Map.of()));
        store(codfw, 41, 50);
        board.offer(Positions.of("codfw", 1, List.of(codfw.position(p).toCompletableFuture().join()),
                CLOCK.instant(), Set.of()));

        // when a session that wrote offset 41, and a reader without a token, read the key there
        ReadAnswer session = read("eqiad", TOKENS.encode(Position.of(1, Map.of(entry, 41L))), null, null);
        ReadAnswer anonymous = read("eqiad", null, null, "refuse");

        // then neither gets a 404 (nor the past): both are 503 region-store-lost, redirected to codfw unless refused
        assertThat(session.status()).isEqualTo(503);
        assertThat(session.problem()).containsEntry("type", ReadAnswer.PROBLEM_BASE + "region-store-lost");
        assertThat((String) session.problem().get("detail")).contains("lost the data of partition " + p);
        assertThat(session.headers()).containsEntry(ReadHeaders.REDIRECT_REGION, "codfw").containsKey("Retry-After");
        assertThat(anonymous.status()).isEqualTo(503);
        assertThat(anonymous.headers()).doesNotContainKey(ReadHeaders.REDIRECT_REGION);
    }

    @Test
    void shouldRefuseAPartitionBeingRebuiltUntilItsApplierSaysItServesAgain() {
        // given eqiad's applier says the key's partition is being rebuilt, and the store shows it
        store(eqiad, 41, 50);
        board.offer(new RegionPosition("eqiad", Position.of(1, Map.of(entry, 50L)), Map.of(), CLOCK.instant(),
                Set.of(p)));
        eqiad.position(new StoredPosition(p, Position.empty(1), Map.of(), StoredPosition.Status.REBUILDING, "g2",
                Map.of()));

        // then a read waits and is refused, naming the rebuild
        ReadAnswer refused = read("eqiad", null, null, "wait=50");
        assertThat(refused.status()).isEqualTo(503);
        assertThat((String) refused.problem().get("detail")).contains("rebuilding partition " + p);

        // when the rebuild ends (the store serves, and the applier says so, later)
        store(eqiad, 41, 50);
        board.offer(new RegionPosition("eqiad", Position.of(1, Map.of(entry, 50L)), Map.of(),
                CLOCK.instant().plusMillis(1), Set.of()));

        // then the read is served
        assertThat(read("eqiad", null, null, null).status()).isEqualTo(200);
    }

    @Test
    void shouldRefuseASessionThatSawMoreThanTheStoreNowHolds() {
        // given eqiad's applier had published 50, and its store went back to an older copy holding 30
        store(eqiad, 41, 50);
        board.offer(Positions.of("eqiad", 1, List.of(eqiad.position(p).toCompletableFuture().join()),
                CLOCK.instant(), Set.of()));
        store(eqiad, 20, 30);

        // when a session that read offset 41 there reads the key again
        ReadAnswer answer = read("eqiad", TOKENS.encode(Position.of(1, Map.of(entry, 41L))), null, "refuse");

        // then it is refused rather than served the older value
        assertThat(answer.status()).isEqualTo(503);
        assertThat((String) answer.problem().get("detail")).contains("only up to 30, behind the 41");
    }

    private ReadAnswer read(String region, String token, String staleness, String violation) {
        return handler.read(region, key, token, staleness, violation).join();
    }

    /** The key at {@code objectOffset} (revision = offset), the partition applied up to {@code applied}. */
    private void store(MemoryStore store, long objectOffset, long applied) {
        Instant dt = TestRecords.T0.plusSeconds(30);
        store.put(p, new StoredObject(key, Op.UPSERT, objectOffset, Dot.of(TestRecords.TOPIC, p, objectOffset),
                "text/plain", "v" + objectOffset, dt, dt));
        store.position(new StoredPosition(p, Position.of(1, Map.of(entry, applied)), Map.of(entry, dt)));
    }

}
