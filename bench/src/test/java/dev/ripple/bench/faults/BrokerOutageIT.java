package dev.ripple.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ripple.cli.up.ProcessUp;
import dev.ripple.cli.up.UpEndpoints;
import dev.ripple.cli.up.UpFile;
import dev.ripple.consistency.Dot;
import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.consistency.history.CheckReport;
import dev.ripple.consistency.history.History;
import dev.ripple.consistency.history.HistoryChecker;
import dev.ripple.events.EventJson;
import dev.ripple.events.TopicNames;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Function;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 19's broker outage on the production shape ({@link ProcessUp}, one instance of every part, region eqiad):
 * clients publish events without a {@code revision}, each with a {@code meta.id}, and retry a 503 with the same id
 * and body; the broker is killed with SIGKILL and started again on its data 15 s later. While it is down every
 * publish is answered 503 with {@code Retry-After} within the intake's bound; afterwards every acknowledged event is
 * applied at exactly its acknowledged version, and the source stream and the region's replication topic hold it
 * once; and every part is ready again. Beside them, {@link SessionLoad}'s sessions write and read back with their
 * tokens; their history must be clean.
 */
class BrokerOutageIT {
    private static final Logger log = LoggerFactory.getLogger(BrokerOutageIT.class);
    /** The intake's {@code --publish-timeout-ms} default. */
    private static final Duration BOUND = Duration.ofSeconds(5);
    /** What a loaded two-core machine may add to the bound: an upper bound only. */
    private static final Duration SLACK = Duration.ofSeconds(2);
    private static final Duration OUTAGE = Duration.ofSeconds(15);
    private static final int CLIENTS = 3;
    private static final String KEY_PREFIX = "enwiki:Outage_";
    /** The rows of {@link ProcessUp#rows()} that are not Ripple's parts. */
    private static final Set<String> SERVICES = Set.of("kafka", "etcd", "redis");
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    /** One request of a client: when it started (ns, {@link System#nanoTime()}), how long, and the answer. */
    private record Attempt(String id, long startNs, Duration took, int status, String retryAfter) {}

    /** An acknowledged event: its id and key, the version the intake gave it, and the session token covering it. */
    private record Ack(String id, String key, Dot dot, String token, long atNs) {}

    @Test
    void shouldAnswer503InTimeWhileTheBrokerIsDownThenLoseAndDuplicateNothing(@TempDir Path home) throws Exception {
        // given the production shape, clients publishing without a revision, and sessions writing and reading back
        try (ProcessUp up = new ProcessUp(new ProcessUp.Options(List.of("eqiad"), 1,
                new UpFile(home.resolve("up.json")), Duration.ofMinutes(3)), Clock.systemUTC(),
                new PrintWriter(Writer.nullWriter()))) {
            long started = System.nanoTime();
            UpEndpoints endpoints = up.start();
            log.info("stack ready in {} s: {}", seconds(System.nanoTime() - started), up.rows());
            String intake = address(up, "producer");
            String readApi = address(up, "replica eqiad");
            LoadConfig sessionsConfig = new LoadConfig(List.of(intake), Map.of("eqiad", List.of(readApi)),
                    up.producerToken(), SessionTokenCodec.of(up.sessionKeys()), 2, 1, 4);
            Clients clients = new Clients(intake, up.producerToken());
            SessionLoad sessions = SessionLoad.start(sessionsConfig, Clock.systemUTC());
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> clients.acks().size() >= 20);

                // when the broker is killed with SIGKILL and held down for 15 s
                log.info("before the kill: {} events acknowledged to the clients; sessions {}", clients.acks().size(),
                        sessions.counts());
                long killedAt = System.nanoTime();
                up.killKafka();
                await().atMost(OUTAGE.plusSeconds(20)).pollInterval(Duration.ofMillis(200)).until(() ->
                        System.nanoTime() - killedAt >= OUTAGE.toNanos()
                                && clients.answeredSince(killedAt).size() >= CLIENTS);
                long restartAt = System.nanoTime();
                log.info("publishes from before the kill to the restart (start s after the kill, status, ms): {}",
                        clients.attempts().stream().filter(a -> a.startNs() + a.took().toNanos() >= killedAt)
                        .map(a -> seconds(a.startNs() - killedAt) + " " + a.status() + " " + a.took().toMillis())
                        .toList());
                up.restartKafka();
                long returnedAt = System.nanoTime();
                long returnedAtMs = Clock.systemUTC().millis();
                log.info("broker down {} s; answering again {} s after its start", seconds(restartAt - killedAt),
                        seconds(returnedAt - restartAt));

                // then, while it was down, every publish was answered 503 with Retry-After, within the bound
                List<Attempt> whileDown = clients.attempts().stream().filter(a -> a.startNs() >= killedAt
                        && a.startNs() + a.took().toNanos() < restartAt).toList();
                log.info("publishes while the broker was down (bound {} ms + {} ms slack): {}", BOUND.toMillis(),
                        SLACK.toMillis(), whileDown.stream().map(a -> a.status() + " in " + a.took().toMillis()
                        + " ms").toList());
                assertThat(whileDown).hasSizeGreaterThanOrEqualTo(CLIENTS).allSatisfy(a -> {
                    assertThat(a.status()).as(a.toString()).isEqualTo(503);
                    assertThat(a.retryAfter()).as(a.toString()).matches("[1-9][0-9]*");
                });

                // and after it returns, writes are acknowledged again: every client, and every session read back
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() ->
                        clients.ackedSinceByEveryClient(returnedAt));
                long firstAck = clients.acks().stream().mapToLong(Ack::atNs).filter(t -> t >= returnedAt).min()
                        .orElseThrow();
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(100)).until(() ->
                        sessions.roundTripsSince(returnedAtMs).isPresent());
                log.info("recovery from the broker answering again: first acknowledged write {} s, a write of every "
                        + "client acknowledged {} s, every session's write read back by {} s",
                        seconds(firstAck - returnedAt), seconds(clients.lastFirstAckSince(returnedAt) - returnedAt),
                        seconds(System.nanoTime() - returnedAt));
                int before = clients.acks().size();
                await().atMost(Duration.ofSeconds(60)).until(() -> clients.acks().size() >= before + 3 * CLIENTS);

                // and every part, each its own process, is ready again: no loop of any of them ended for the outage
                // (each answers 200 at some poll: a propagator rebalancing when polled is not ready for a moment)
                List<ProcessUp.Row> parts = up.rows().stream().filter(r -> !SERVICES.contains(r.name())).toList();
                Set<String> readyAgain = ConcurrentHashMap.newKeySet();
                await().atMost(Duration.ofSeconds(90)).pollInterval(Duration.ofMillis(500)).untilAsserted(() -> {
                    parts.stream().filter(part -> ready(part) == 200).forEach(part -> readyAgain.add(part.name()));
                    assertThat(parts).allSatisfy(part -> assertThat(readyAgain).as(part.name() + " /readyz, log "
                            + part.log()).contains(part.name()));
                });
                log.info("every part ready again {} s after the broker answered: {}",
                        seconds(System.nanoTime() - returnedAt), parts.stream().map(ProcessUp.Row::name).toList());
            } finally {
                clients.close();
                sessions.close();
            }

            // then no publish took longer than the bound, and none was answered other than 201 or 503
            List<Attempt> attempts = clients.attempts();
            assertThat(attempts).allSatisfy(a -> {
                assertThat(a.status()).as(a.toString()).isIn(201, 503);
                assertThat(a.took()).as(a.toString()).isLessThanOrEqualTo(BOUND.plus(SLACK));
            });
            long retried = attempts.stream().map(Attempt::id).distinct().count();
            log.info("{} publishes for {} events; slowest {} ms", attempts.size(), retried, attempts.stream()
                    .mapToLong(a -> a.took().toMillis()).max().orElse(0));

            // and every acknowledged event is applied in eqiad at exactly the version it was acknowledged with (a
            // second copy of it would have been applied as a newer version of its key, which only it writes)
            List<Ack> acks = clients.acks();
            for (Ack ack : acks) {
                assertThat(servedDot(readApi, ack)).as(ack.toString()).isEqualTo(ack.dot());
            }

            // and the source stream holds each acknowledged event once, and so does the region's replication topic
            TopicNames topics = TopicNames.defaults();
            Map<String, Long> byId = count(endpoints.kafka(), topics.stream("edits"), BrokerOutageIT::eventId);
            assertThat(byId).as("meta.id -> copies on the stream").containsOnlyKeys(acks.stream().map(Ack::id)
                    .toList()).allSatisfy((id, copies) -> assertThat(copies).as(id).isEqualTo(1));
            Map<String, Long> byKey = count(endpoints.kafka(), topics.replicate("eqiad"), r -> r.key());
            assertThat(byKey).as("key -> replication records").containsOnlyKeys(acks.stream().map(Ack::key)
                    .toList()).allSatisfy((key, copies) -> assertThat(copies).as(key).isEqualTo(1));

            // and the sessions lost no acknowledged write, and their history has no anomaly
            assertThat(Convergence.unreadable(sessions.lastAcked(), sessionsConfig, Duration.ofSeconds(60),
                    Clock.systemUTC())).isEmpty();
            CheckReport check = HistoryChecker.create().check(History.of(sessions.operations()));
            assertThat(check.ok()).as(check.toJson()).isTrue();
            log.info("{} events acknowledged by the clients; sessions {}; history: {} operations, no anomaly; "
                    + "test {} s", acks.size(), sessions.counts(), check.operations(),
                    seconds(System.nanoTime() - started));
        }
    }

    /**
     * Clients that publish one event at a time, each without a revision and with a fresh {@code meta.id} and key,
     * and retry it after a 503 (or no answer) with the same id and body until it is acknowledged.
     */
    private static final class Clients implements AutoCloseable {
        private final String intake;
        private final String token;
        private final List<Attempt> attempts = Collections.synchronizedList(new ArrayList<>());
        private final List<Ack> acks = Collections.synchronizedList(new ArrayList<>());
        private final Map<Integer, List<Long>> ackTimes = new HashMap<>();
        private final AtomicBoolean running = new AtomicBoolean(true);
        private final ExecutorService threads = Executors.newFixedThreadPool(CLIENTS);

        Clients(String intake, String token) {
            this.intake = intake;
            this.token = token;
            for (int c = 0; c < CLIENTS; c++) {
                int client = c;
                ackTimes.put(client, Collections.synchronizedList(new ArrayList<>()));
                threads.execute(() -> run(client));
            }
        }

        private void run(int client) {
            for (int n = 0; running.get(); n++) {
                String id = UUID.randomUUID().toString();
                String key = KEY_PREFIX + "c" + client + "_" + n;
                ObjectNode json = EventJson.mapper().createObjectNode();
                json.putObject("meta").put("id", id).put("stream", "edits").put("domain", "en.example.org");
                String event = json.put("key", key).put("content_type", "text/plain").put("body", id).toString();
                // a retry after a 503 at once: each 503 took the intake's bound, so this is no busy loop
                await().atMost(Duration.ofSeconds(120)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(100))
                        .until(() -> publish(client, id, key, event));
            }
        }

        private boolean publish(int client, String id, String key, String event) throws InterruptedException {
            long start = System.nanoTime();
            HttpResponse<String> response;
            try {
                response = HTTP.send(HttpRequest.newBuilder(URI.create(intake + "/v1/events"))
                        .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                        .timeout(Duration.ofSeconds(30)).POST(HttpRequest.BodyPublishers.ofString(event)).build(),
                        HttpResponse.BodyHandlers.ofString());
            } catch (IOException e) {
                attempts.add(new Attempt(id, start, Duration.ofNanos(System.nanoTime() - start), -1, null));
                return false;
            }
            long end = System.nanoTime();
            attempts.add(new Attempt(id, start, Duration.ofNanos(end - start), response.statusCode(),
                    response.headers().firstValue("Retry-After").orElse(null)));
            if (response.statusCode() != 201) {
                return false;
            }
            JsonNode result = LoadClient.json(response.body()).path("results").path(0);
            acks.add(new Ack(id, key, Dot.parse(result.get("dot").asText()),
                    response.headers().firstValue("Ripple-Session-Token").orElseThrow(), end));
            ackTimes.get(client).add(end);
            return true;
        }

        List<Attempt> attempts() {
            synchronized (attempts) {
                return List.copyOf(attempts);
            }
        }

        List<Ack> acks() {
            synchronized (acks) {
                return List.copyOf(acks);
            }
        }

        /** The publishes that started at or after {@code sinceNs} and were answered. */
        List<Attempt> answeredSince(long sinceNs) {
            return attempts().stream().filter(a -> a.startNs() >= sinceNs && a.status() > 0).toList();
        }

        boolean ackedSinceByEveryClient(long sinceNs) {
            return ackTimes.values().stream().allMatch(times -> firstSince(times, sinceNs) > 0);
        }

        /** The latest of the clients' first acknowledgements at or after {@code sinceNs}. */
        long lastFirstAckSince(long sinceNs) {
            return ackTimes.values().stream().mapToLong(times -> firstSince(times, sinceNs)).max().orElseThrow();
        }

        private static long firstSince(List<Long> times, long sinceNs) {
            synchronized (times) {
                return times.stream().mapToLong(Long::longValue).filter(t -> t >= sinceNs).min().orElse(-1);
            }
        }

        /** Stops after each client's current event is acknowledged. */
        @Override
        public void close() throws InterruptedException {
            running.set(false);
            threads.shutdown();
            assertThat(threads.awaitTermination(150, TimeUnit.SECONDS)).as("clients finished their events").isTrue();
        }
    }

    private static Dot servedDot(String readApi, Ack ack) {
        return await().atMost(Duration.ofSeconds(60)).pollDelay(Duration.ZERO).pollInterval(Duration.ofMillis(200))
                .until(() -> {
            HttpResponse<String> read = HTTP.send(HttpRequest.newBuilder(URI.create(readApi
                    + "/v1/regions/eqiad/objects/" + ack.key())).header("Ripple-Session-Token", ack.token())
                    .header("Ripple-On-Violation", "wait=3000").timeout(Duration.ofSeconds(10)).build(),
                    HttpResponse.BodyHandlers.ofString());
            return read.statusCode() == 200 ? LoadClient.etagDot(read) : null;
        }, dot -> dot != null);
    }

    /** Counts the committed records of {@code topic} whose key is one of the clients', by {@code by}. */
    private static Map<String, Long> count(String bootstrap, String topic,
            Function<ConsumerRecord<String, byte[]>, String> by) {
        Map<String, Long> counts = new HashMap<>();
        try (KafkaConsumer<String, byte[]> consumer = new KafkaConsumer<>(Map.of(
                ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrap, ConsumerConfig.ISOLATION_LEVEL_CONFIG,
                "read_committed", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest"), new StringDeserializer(),
                new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(30)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions, Duration.ofSeconds(30));
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            while (partitions.stream().anyMatch(p -> consumer.position(p) < end.get(p))) {
                assertThat(System.nanoTime()).as("read %s to its end within 60 s", topic).isLessThan(deadline);
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.key() != null && record.key().startsWith(KEY_PREFIX)) {
                        counts.merge(by.apply(record), 1L, Long::sum);
                    }
                }
            }
        }
        return counts;
    }

    private static String eventId(ConsumerRecord<String, byte[]> record) {
        try {
            return EventJson.mapper().readTree(record.value()).at("/meta/id").asText();
        } catch (IOException e) {
            throw new AssertionError("Not an event at " + record.topic() + "-" + record.partition() + "@"
                    + record.offset(), e);
        }
    }

    private static int ready(ProcessUp.Row part) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(part.address() + "/readyz")).timeout(Duration.ofSeconds(
                    2)).build(), HttpResponse.BodyHandlers.discarding()).statusCode();
        } catch (IOException e) {
            return -1;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return -1;
        }
    }

    private static String address(ProcessUp up, String name) {
        return up.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow().address();
    }

    private static String seconds(long nanos) {
        return String.format("%.1f", nanos / 1e9);
    }
}
