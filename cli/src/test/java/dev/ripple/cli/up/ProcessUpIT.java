package dev.ripple.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.cli.PartProcess;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.kafka.clients.admin.Admin;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ripple up --processes}: the production shape on one machine, two instances of each part, run as a user
 * runs it; the instances share the work, an edit goes through either intake and is read from either replica, and
 * SIGTERM leaves no process behind.
 */
class ProcessUpIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void shouldRunTwoInstancesOfEveryPartAsProcessesSharingTheWorkAndStopThemAll(@TempDir Path home)
            throws Exception {
        List<Long> pids;
        try (UpProcesses processes = UpProcesses.start(home, Map.of(), "--instances", "2", "--regions", "eqiad")) {
            // when it starts, it lists every process with its pid and address, then says ready
            PartProcess up = processes.up;
            String token = processes.token;
            pids = List.copyOf(processes.pids.values());
            assertThat(processes.pids.keySet()).containsExactly("kafka", "etcd", "redis", "producer #1",
                    "propagator #1", "replica eqiad #1", "purger eqiad #1", "conits track #1", "producer #2",
                    "propagator #2", "replica eqiad #2", "purger eqiad #2", "conits track #2", "ops", "probe");
            assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid)).isPresent());
            UpEndpoints endpoints = new UpFile(home.resolve("up.json")).running().orElseThrow();

            // then an edit through either intake is read back from either replica instance
            for (int intake : List.of(8081, 8181)) {
                HttpResponse<String> published = publish(intake, token, "enwiki:Via_" + intake);
                assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
                String session = published.headers().firstValue("Ripple-Session-Token").orElseThrow();
                for (int replica : List.of(8082, 8182)) {
                    await().atMost(Duration.ofSeconds(60)).pollInterval(Duration.ofMillis(250)).until(() ->
                            read(replica, "enwiki:Via_" + intake, session).statusCode() == 200);
                }
            }

            // and the two instances of each consumer share its group's partitions
            try (Admin admin = Admin.create(Map.of("bootstrap.servers", endpoints.kafka()))) {
                // of eqiad's topics only: the demo config was seeded with the regions asked for, nothing is
                // routed to a region no replica reads
                assertThat(admin.listTopics().names().get()).filteredOn(topic -> topic.startsWith("ripple.replicate.")
                        || topic.startsWith("ripple.purge.")).containsExactlyInAnyOrder("ripple.replicate.eqiad",
                        "ripple.purge.eqiad");
                for (String group : List.of("ripple-replica-eqiad", "ripple-purger-eqiad", "ripple-propagator")) {
                    await().atMost(Duration.ofSeconds(60)).untilAsserted(() -> assertThat(admin
                            .describeConsumerGroups(List.of(group)).all().get().get(group).members())
                            .as(group).hasSize(2)
                            .allSatisfy(member -> assertThat(member.assignment().topicPartitions()).isNotEmpty()));
                }
            }

            // when it is stopped as Ctrl-C or a service manager stops it
            processes.stop();
            assertThat(up.output()).contains("ripple up: stopping…", "ripple up: stopped every process");
        }

        // then none of its processes is left
        assertThat(pids).allSatisfy(pid -> assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive))
                .as("pid " + pid).isNotEqualTo(Optional.of(true)));
        assertThat(home.resolve("up.json")).doesNotExist();
    }

    @Test
    void shouldRefuseARegionTheDemoConfigLacksNamingItsRegions(@TempDir Path home)
            throws Exception {
        try (PartProcess up = UpProcesses.launch(home, Map.of(), "--regions", "eqiad,ulsfo")) {
            assertThat(up.awaitExit(Duration.ofMinutes(2))).as(up.output()).isEqualTo(1);
            assertThat(up.output()).contains("No region ulsfo in the demo config; its regions are codfw, eqiad, "
                    + "esams. Name some of them with --regions.");
            assertThat(home.resolve("up.json")).doesNotExist();
        }
    }

    private static HttpResponse<String> publish(int port, String token, String key) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/events"))
                .header("Content-Type", "application/json").header("Authorization", "Bearer " + token)
                .POST(HttpRequest.BodyPublishers.ofString("{\"meta\": {\"stream\": \"edits\", \"domain\": "
                        + "\"en.example.org\"}, \"key\": \"" + key + "\", \"revision\": 1, \"content_type\": "
                        + "\"text/plain\", \"body\": \"hello\"}")).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> read(int port, String key, String session) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/v1/regions/eqiad/objects/"
                + key)).header("Ripple-Session-Token", session).header("Ripple-On-Violation", "wait=1000")
                .timeout(Duration.ofSeconds(10)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
