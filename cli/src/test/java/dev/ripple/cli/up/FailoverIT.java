package dev.ripple.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.consistency.history.CheckReport;
import dev.ripple.consistency.history.History;
import dev.ripple.consistency.history.HistoryChecker;
import dev.ripple.consistency.history.StalenessBound;
import dev.ripple.testsupport.TestKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
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
 * Issue 19's failover run: {@code ripple up --processes} with two instances of every part, sessions writing and
 * reading through both intakes and both read APIs, and a {@code kill -9} of one instance of each part in turn.
 * Each time the survivor takes the dead one's partitions within 10 s and the dashboard's metrics show the group
 * down to one member; afterwards every acknowledged write is applied, and the checked history has no anomaly.
 */
class FailoverIT {
    private static final Logger log = LoggerFactory.getLogger(FailoverIT.class);
    private static final Duration FAILOVER_BOUND = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newHttpClient();
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
        Map<String, Duration> failovers = new LinkedHashMap<>();
        try (UpProcesses up = UpProcesses.start(home, Map.of("RIPPLE_SESSION_KEYS", TestKeys.spec("k1")),
                "--instances", "2", "--regions", "eqiad");
                Admin admin = Admin.create(Map.of("bootstrap.servers", new UpFile(home.resolve("up.json")).running()
                        .orElseThrow().kafka()))) {
            SessionLoad load = new SessionLoad(List.of("http://127.0.0.1:8081", "http://127.0.0.1:8181"),
                    List.of("http://127.0.0.1:8082", "http://127.0.0.1:8182"), "eqiad", up.token,
                    TestKeys.codec("k1"), 1, 6);
            try {
                await().atMost(Duration.ofSeconds(60)).until(() -> load.acknowledged() >= 50);
                for (Map.Entry<String, String> kill : KILLS.entrySet()) {
                    long acknowledgedBefore = load.acknowledged();
                    long pid = up.pids.get(kill.getKey());
                    long killedAt = System.nanoTime();
                    ProcessHandle.of(pid).orElseThrow().destroyForcibly();
                    if (kill.getValue() != null) {
                        await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200))
                                .until(() -> ownsAll(admin, kill.getValue()));
                    }
                    // and writes go on: one is acknowledged after the kill
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(50))
                            .until(() -> load.acknowledged() > acknowledgedBefore);
                    failovers.put(kill.getKey(), Duration.ofNanos(System.nanoTime() - killedAt));
                    await().atMost(Duration.ofSeconds(60)).until(() -> load.acknowledged() > acknowledgedBefore + 20);
                    // and the dashboard's metrics show the group down to one member
                    if (kill.getValue() != null) {
                        Pattern oneMember = Pattern.compile("ripple_consumer_group_members\\{[^}]*group=\""
                                + kill.getValue() + "\"[^}]*} 1\\.0");
                        await().atMost(Duration.ofSeconds(20)).pollInterval(Duration.ofMillis(500)).until(() ->
                                oneMember.matcher(get("http://127.0.0.1:9400/metrics")).find());
                    }
                }
            } finally {
                load.close();
            }

            // then every acknowledged write's key reads back at least that version from the surviving replica
            for (Map.Entry<String, SessionLoad.Acked> acked : load.lastAcked().entrySet()) {
                await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(200)).until(() ->
                        read(acked.getKey(), acked.getValue().token()).statusCode() == 200);
            }
            CheckReport report = HistoryChecker.create().check(new History(load.operations(), Map.of(), false,
                    StalenessBound.UNBOUNDED));
            assertThat(report.ok()).as(report.toJson()).isTrue();
            assertThat(load.acknowledged()).isGreaterThan(150);
        }
        log.info("kill -9 to recovery: {}", failovers);
        assertThat(failovers).as("time from kill -9 to the survivor owning every partition and writes flowing")
                .allSatisfy((part, took) -> assertThat(took).as(part).isLessThanOrEqualTo(FAILOVER_BOUND));
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

    private static HttpResponse<String> read(String key, String token) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:8182/v1/regions/eqiad/objects/" + key))
                .header("Ripple-Session-Token", token).header("Ripple-On-Violation", "wait=1000")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
