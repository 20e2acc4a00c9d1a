package dev.ripple.bench.faults;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.cli.up.ProcessUp;
import dev.ripple.cli.up.UpEndpoints;
import dev.ripple.cli.up.UpFile;
import dev.ripple.consistency.history.CheckReport;
import dev.ripple.consistency.history.History;
import dev.ripple.consistency.history.HistoryChecker;
import dev.ripple.propagator.Delivery;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.MemberDescription;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Issue 19's failover run: the production shape ({@link ProcessUp}: broker, etcd, Redis and every part a process of
 * its own, started with README's command line) with two instances of every part, the fault harness's sessions
 * writing and reading through both intakes and both read APIs, and a {@code kill -9} of one instance of each part in
 * turn. Each time the survivor takes the dead one's partitions within 10 s and the dashboard's metrics show the
 * group down to one member; afterwards every acknowledged write is readable from both read APIs, and the checked
 * history has no anomaly. Then the same for the propagator alone in at-least-once delivery.
 */
class FailoverIT {
    private static final Logger log = LoggerFactory.getLogger(FailoverIT.class);
    private static final Duration FAILOVER_BOUND = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final long MIN_ACKNOWLEDGED = 150;
    /** The part killed, and the consumer group whose partitions must move (null: no group, e.g. the intake). */
    private static final Map<String, String> KILLS = new LinkedHashMap<>();

    static {
        KILLS.put("replica eqiad #1", "ripple-replica-eqiad");
        KILLS.put("purger eqiad #1", "ripple-purger-eqiad");
        KILLS.put("conits track #1", null);
        KILLS.put("producer #1", null);
        // last: readers wait up to ~20 s for the broker to abort a dead propagator's open transaction (README)
        KILLS.put("propagator #1", "ripple-propagator");
    }

    @Test
    void shouldHandEveryKilledInstancesPartitionsToItsTwinWithin10SecondsAndLoseNothing(@TempDir Path home)
            throws Exception {
        killInTurn(home, Delivery.EXACTLY_ONCE, KILLS);
    }

    /**
     * The same in at-least-once delivery, killing the part whose guarantee changes: the survivor routes again what
     * the dead propagator had routed since its last commit, and neither a lost event nor a reader going back shows.
     */
    @Test
    void shouldLoseNothingAndKeepEveryKeysOrderWhenAnAtLeastOncePropagatorIsKilled(@TempDir Path home)
            throws Exception {
        killInTurn(home, Delivery.AT_LEAST_ONCE, Map.of("propagator #1", "ripple-propagator"));
    }

    /**
     * Kills each part of {@code kills} in turn under session load; then every acknowledged write reads back at its
     * version or later and the checked history has no anomaly (a read going back, a lost write, a reordering).
     */
    private static void killInTurn(Path home, Delivery delivery, Map<String, String> kills) throws Exception {
        Clock clock = Clock.systemUTC();
        StringWriter upOutput = new StringWriter();
        Map<String, Duration> failovers = new LinkedHashMap<>();
        try (ProcessUp up = new ProcessUp(new ProcessUp.Options(List.of("eqiad"), 2, new UpFile(home.resolve(
                "up.json")), Duration.ofMinutes(4), delivery), clock, new PrintWriter(upOutput, true))) {
            UpEndpoints endpoints = up.start();
            LoadConfig config = FaultRun.loadConfig(up, 6, 1);
            Map<String, Long> pids = new LinkedHashMap<>();
            up.rows().forEach(row -> pids.put(row.name(), row.pid()));
            ProcessUp.Row survivor = up.rows().stream().filter(row -> row.name().equals("propagator #2")).findFirst()
                    .orElseThrow();
            // the propagators run in the mode asked for (ripple propagator says it when ready)
            await().atMost(Duration.ofSeconds(30)).until(() -> Files.readString(survivor.log())
                    .contains(", " + delivery + " delivery, "));
            SessionLoad load = SessionLoad.start(config, clock);
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", endpoints.kafka()))) {
                await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged(load) >= 50);
                for (Map.Entry<String, String> kill : kills.entrySet()) {
                    long acknowledgedBefore = acknowledged(load);
                    long killedAt = System.nanoTime();
                    ProcessHandle.of(pids.get(kill.getKey())).orElseThrow().destroyForcibly();
                    if (kill.getValue() != null) {
                        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                                .until(() -> ownsAll(admin, kill.getValue()));
                    }
                    // and writes go on: one is acknowledged after the kill
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                            .until(() -> acknowledged(load) > acknowledgedBefore);
                    failovers.put(kill.getKey(), Duration.ofNanos(System.nanoTime() - killedAt));
                    await().atMost(Duration.ofSeconds(60)).until(() -> acknowledged(load) > acknowledgedBefore + 20);
                    // and the dashboard's metrics show the group down to one member
                    if (kill.getValue() != null) {
                        Pattern oneMember = Pattern.compile("ripple_consumer_group_members\\{[^}]*group=\""
                                + kill.getValue() + "\"[^}]*} 1\\.0");
                        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() ->
                                oneMember.matcher(get(endpoints.http() + "/metrics")).find());
                    }
                }
                // and the sessions go on long enough for a history worth checking (one kill is over quickly)
                await().atMost(Duration.ofSeconds(120)).until(() -> acknowledged(load) > MIN_ACKNOWLEDGED);
            } finally {
                load.close();
            }

            // then every acknowledged write reads back, at its version or later, from the surviving read API
            String killedReplica = up.rows().stream().filter(row -> row.name().equals("replica eqiad #1"))
                    .findFirst().orElseThrow().address();
            LoadConfig survivors = new LoadConfig(config.intakes(), Map.of("eqiad", config.readApis().get("eqiad")
                    .stream().filter(api -> !api.equals(killedReplica)).toList()), config.producerToken(),
                    config.tokens(), config.sessions(), config.batch(), config.keysPerSession());
            assertThat(survivors.readApis().get("eqiad")).hasSize(1);
            assertThat(Convergence.unreadable(load.lastAcked(), survivors, Duration.ofMinutes(1), clock)).isEmpty();
            CheckReport report = HistoryChecker.create().check(History.of(load.operations()));
            assertThat(report.ok()).as(report.toJson()).isTrue();
            assertThat(acknowledged(load)).isGreaterThan(MIN_ACKNOWLEDGED);
            Matcher replayed = Pattern.compile("(?m)^ripple_propagator_events_replayed_total\\{[^}]*} (\\S+)$")
                    .matcher(get(survivor.address() + "/metrics"));
            log.info("{} delivery: the surviving propagator re-emitted {} replayed event(s) the version gate held",
                    delivery, replayed.find() ? replayed.group(1) : "no");
        }
        log.info("{} delivery, kill -9 to recovery: {}", delivery, failovers);
        assertThat(failovers).as("time from kill -9 to the survivor owning every partition and writes flowing")
                .allSatisfy((part, took) -> assertThat(took).as(part).isLessThanOrEqualTo(FAILOVER_BOUND));
    }

    private static long acknowledged(SessionLoad load) {
        return load.counts().writesOk();
    }

    /** Whether one live member of {@code group} owns every partition of the topics it consumes. */
    private static boolean ownsAll(Admin admin, String group) throws Exception {
        ConsumerGroupDescription description = admin.describeConsumerGroups(List.of(group)).all().get().get(group);
        if (description.members().size() != 1) {
            return false;
        }
        MemberDescription survivor = description.members().iterator().next();
        Set<TopicPartition> owned = survivor.assignment().topicPartitions();
        List<String> topics = owned.stream().map(TopicPartition::topic).distinct().toList();
        List<TopicPartition> all = new ArrayList<>();
        admin.describeTopics(topics).allTopicNames().get().forEach((topic, info) -> info.partitions()
                .forEach(p -> all.add(new TopicPartition(topic, p.partition()))));
        return !owned.isEmpty() && owned.containsAll(all);
    }

    private static String get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString()).body();
    }
}
