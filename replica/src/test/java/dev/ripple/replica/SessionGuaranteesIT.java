package dev.ripple.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.consistency.Dot;
import dev.ripple.consistency.history.AnomalyType;
import dev.ripple.consistency.history.Apply;
import dev.ripple.consistency.history.CheckReport;
import dev.ripple.consistency.history.HistoryChecker;
import dev.ripple.consistency.history.ReadOp;
import dev.ripple.consistency.history.WriteOp;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.RedisProcess;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.embedded.junit.RedisExtension;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.ThreadLocalRandom;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The session guarantees of DESIGN.md 5.1 and 5.2 with real Kafka, Redis and HTTP: every operation is recorded as
 * a History, and the HistoryChecker must find no anomaly. Region records are written by {@link DirectRegionFeed}
 * (a stand-in for producer and propagator; see {@link WritePath}).
 */
@ExtendWith({KafkaExtension.class, RedisExtension.class})
class SessionGuaranteesIT {
    private static final Logger log = LoggerFactory.getLogger(SessionGuaranteesIT.class);
    private static final List<String> REGIONS = List.of("eqiad", "codfw", "esams");
    private final HistoryRecorder recorder = new HistoryRecorder();
    private final ExecutorService sessions = Executors.newFixedThreadPool(10);
    private ReplicaHarness harness;

    @AfterEach
    void tearDown() {
        sessions.shutdownNow();
        if (harness != null) {
            harness.close();
        }
    }

    @Test
    void shouldNeverServeASessionAnOlderValueThanItsOwnWriteInAnotherRegion(EmbeddedKafka kafka, RedisProcess redis)
            throws Exception {
        // given three regions, esams deliberately slow (each apply starts 40 ms late)
        harness = new ReplicaHarness(kafka, redis, REGIONS, 6, Map.of("esams", 40L), recorder);
        harness.awaitReady();

        // when 10 sessions each write a key and immediately read it in another region with their token, 100 times
        List<Future<?>> running = new ArrayList<>();
        for (int s = 0; s < 10; s++) {
            int session = s;
            running.add(sessions.submit(() -> writeThenRead("s" + session, session, 100)));
        }
        for (Future<?> f : running) {
            f.get();
        }

        // then every served read returned exactly the session's own write, and the history has no anomaly
        List<ReadOp> reads = recorder.reads();
        assertThat(reads).hasSize(1_000);
        List<ReadOp> served = reads.stream().filter(ReadOp::accepted).toList();
        log.info("write-then-read: {} of 1000 served, {} after a wait, {} in esams", served.size(),
                served.stream().filter(r -> r.outcome() == ReadOp.Outcome.WAITED).count(),
                served.stream().filter(r -> r.region().equals("esams")).count());
        assertThat(served).isNotEmpty().allSatisfy(r -> assertThat(r.dot()).isNotNull());
        assertThat(served).anyMatch(r -> r.outcome() == ReadOp.Outcome.WAITED);
        assertNoAnomalies(awaitConverged());
    }

    @Test
    void shouldKeepASessionsReadsMonotonicAcrossRegions(EmbeddedKafka kafka, RedisProcess redis) throws Exception {
        // given three regions, codfw slow, and writers updating five shared keys
        harness = new ReplicaHarness(kafka, redis, REGIONS, 6, Map.of("codfw", 30L), recorder);
        harness.awaitReady();
        List<Future<?>> running = new ArrayList<>();
        for (int w = 0; w < 3; w++) {
            int writer = w;
            running.add(sessions.submit(() -> {
                String token = null;
                for (int i = 0; i < 60; i++) {
                    String key = "shared:k" + ThreadLocalRandom.current().nextInt(5);
                    WritePath.Ack ack = harness.feed.write(key, "w" + writer + "-" + i, token);
                    recorder.write("writer" + writer, key, ack);
                    token = ack.token();
                    noise(i);
                }
            }));
        }

        // when five readers read the shared keys round the regions, each carrying its token from read to read
        for (int r = 0; r < 5; r++) {
            int reader = r;
            running.add(sessions.submit(() -> {
                String token = null;
                for (int i = 0; i < 80; i++) {
                    String key = "shared:k" + ThreadLocalRandom.current().nextInt(5);
                    ReadClient.Result result = harness.client.read(REGIONS.get((reader + i) % 3), key, token);
                    recorder.read("reader" + reader, key, result);
                    token = result.token() != null ? result.token() : token;
                }
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }

        // then no reader ever saw a key go back to an older version, in any region
        Map<String, Long> lastSeen = new HashMap<>();
        for (ReadOp read : recorder.reads()) {
            if (read.dot() != null) {
                Long before = lastSeen.put(read.session() + "/" + read.key(), read.dot().offset());
                assertThat(before == null || before <= read.dot().offset())
                        .as("%s read %s at %s after seeing offset %s", read.session(), read.key(), read.dot(), before)
                        .isTrue();
            }
        }
        CheckReport report = awaitConverged();
        assertThat(report.count(AnomalyType.REGRESSING_READ)).isZero();
        assertNoAnomalies(report);
    }

    @Test
    void shouldNeverMakeASessionsWritesToTwoPartitionsVisibleOutOfOrder(EmbeddedKafka kafka, RedisProcess redis)
            throws Exception {
        // given three regions where codfw receives source partition 1 300 ms late
        harness = new ReplicaHarness(kafka, redis, REGIONS, 6, Map.of(), recorder);
        harness.feed.delay("codfw", 1, 300);
        harness.awaitReady();

        // when 10 sessions each write a key on partition 1, then a key on partition 4, then read the second in codfw
        List<Future<?>> running = new ArrayList<>();
        for (int s = 0; s < 10; s++) {
            int session = s;
            running.add(sessions.submit(() -> {
                String token = null;
                for (int i = 0; i < 5; i++) {
                    String first = keyOn(1, "s" + session + ":first" + i);
                    String second = keyOn(4, "s" + session + ":second" + i);
                    WritePath.Ack a = harness.feed.write(first, "1st", token);
                    recorder.write("s" + session, first, a);
                    WritePath.Ack b = harness.feed.write(second, "2nd", a.token());
                    recorder.write("s" + session, second, b);
                    ReadClient.Result read = harness.client.read("codfw", second, b.token(),
                            Map.of("Ripple-On-Violation", "wait=2000"));
                    recorder.read("s" + session, second, read);
                    token = read.token() != null ? read.token() : b.token();
                }
            }));
        }
        for (Future<?> f : running) {
            f.get();
        }
        CheckReport report = awaitConverged();

        // then codfw held records of partition 4 back until their partition-1 dependency was applied
        assertThat(harness.meter(ReplicaMetricNames.DEPENDENCY_WAITS, "region", "codfw")).isPositive();
        List<Apply> codfw = recorder.history(true).applies().get("codfw");
        Map<Dot, Integer> index = new HashMap<>();
        for (int i = 0; i < codfw.size(); i++) {
            index.put(codfw.get(i).dot(), i);
        }
        List<WriteOp> writes = recorder.writes();
        for (int i = 0; i + 1 < writes.size(); i++) {
            WriteOp a = writes.get(i);
            WriteOp b = writes.get(i + 1);
            if (a.session().equals(b.session()) && a.key().contains(":first") && b.key().contains(":second")) {
                assertThat(index.get(a.dot())).as("%s applied before %s in codfw", a.key(), b.key())
                        .isLessThan(index.get(b.dot()));
            }
        }
        assertThat(report.count(AnomalyType.SESSION_WRITE_REORDER)).isZero();
        assertNoAnomalies(report);
    }

    private void writeThenRead(String session, int offset, int pairs) {
        String token = null;
        for (int i = 0; i < pairs; i++) {
            String key = session + ":k" + (i % 4);
            WritePath.Ack ack = harness.feed.write(key, session + " write " + i, token);
            WriteOp write = recorder.write(session, key, ack);
            ReadClient.Result read = harness.client.read(REGIONS.get((offset + i) % 3), key, ack.token());
            ReadOp op = recorder.read(session, key, read);
            if (op.accepted()) {
                assertThat(op.dot()).as("read %s of %s", op.id(), key).isEqualTo(write.dot());
            }
            token = read.token() != null ? read.token() : ack.token();
            noise(i);
        }
    }

    /** Background writes routed to eqiad only: the other regions see watermarks for them. */
    private void noise(int i) {
        if (i % 3 == 0) {
            harness.feed.write(HistoryRecorder.NOISE + ThreadLocalRandom.current().nextInt(50), "n", null,
                    "eqiad"::equals);
        }
    }

    private String keyOn(int partition, String base) {
        for (int n = 0; ; n++) {
            String key = base + "-" + n;
            if (harness.feed.partitionOf(key) == partition) {
                return key;
            }
        }
    }

    private CheckReport awaitConverged() {
        List<Dot> dots = recorder.writes().stream().map(WriteOp::dot).toList();
        await().atMost(Duration.ofSeconds(60)).until(() -> harness.converged(dots));
        return HistoryChecker.create().check(recorder.history(true));
    }

    private static void assertNoAnomalies(CheckReport report) {
        assertThat(report.ok()).as(report.toJson()).isTrue();
        assertThat(report.operations()).isPositive();
        assertThat(report.applies()).isPositive();
    }
}
