package dev.ripple.cli.parts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.cli.PartProcess;
import dev.ripple.cli.StandaloneServices;
import dev.ripple.cli.deploy.Promtool;
import dev.ripple.embedded.RedisProcess;
import dev.ripple.embedded.junit.RedisExtension;
import dev.ripple.testsupport.TestKeys;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/**
 * The parts that had no HTTP port ({@code ripple propagator}, {@code purger}, {@code conits track}), each run as
 * its own OS process against one broker, etcd and Redis, serve {@code /readyz} and {@code /metrics} with their
 * {@code ripple_component_up}; a {@code --kafka-property} reaches the Kafka clients of a part run alone; and a
 * replica started for a region the config lacks says so.
 */
@ExtendWith(RedisExtension.class)
class PartReadinessIT {
    private static final HttpClient HTTP = HttpClient.newHttpClient();
    private static final Pattern READY_AT = Pattern.compile("/readyz at (http://[0-9.:]+)");
    private static final Pattern STARTED_OR_NOT = Pattern.compile("(could not start: .*|/readyz at .*)");
    private static StandaloneServices services;

    @BeforeAll
    static void start() {
        services = StandaloneServices.start(store -> { });
    }

    @AfterAll
    static void stop() {
        services.close();
    }

    @Test
    void shouldServeReadinessAndMetricsFromAPurgerRunAlone(RedisProcess redis) throws Exception {
        try (PartProcess purger = PartProcess.start("purger", "--region", "eqiad", "--bootstrap-servers",
                services.bootstrapServers(), "--etcd", services.etcd(), "--redis", redis.uri(), "--port", "0")) {
            assertReadyWithMetrics(purger.await(READY_AT, Duration.ofSeconds(60)),
                    "ripple_component_up{component=\"purger\",region=\"eqiad\"} 1.0", "ripple_purger_");
        }
    }

    @Test
    void shouldServeReadinessAndMetricsFromAPropagatorRunAlone() throws Exception {
        try (PartProcess propagator = PartProcess.start("propagator", "--bootstrap-servers",
                services.bootstrapServers(), "--etcd", services.etcd(), "--port", "0")) {
            assertReadyWithMetrics(propagator.await(READY_AT, Duration.ofSeconds(90)),
                    "ripple_component_up{component=\"propagator\",region=\"none\"} 1.0", "ripple_propagator_");
        }
    }

    @Test
    void shouldServeReadinessAndMetricsFromAConitTrackerRunAlone() throws Exception {
        try (PartProcess conits = PartProcess.start("conits", "track", "--bootstrap-servers",
                services.bootstrapServers(), "--etcd", services.etcd(), "--port", "0")) {
            assertReadyWithMetrics(conits.await(READY_AT, Duration.ofSeconds(60)),
                    "ripple_component_up{component=\"conits\",region=\"none\"} 1.0", "ripple_conit_");
        }
    }

    @Test
    void shouldNotStartAPurgerWhoseKafkaClientsAreToldToUseSaslOnAPlaintextBroker(RedisProcess redis)
            throws Exception {
        // given a purger told, on its command line only, to authenticate with SASL/PLAIN (the one above is ready)
        try (PartProcess purger = PartProcess.start("purger", "--region", "eqiad", "--bootstrap-servers",
                services.bootstrapServers(), "--etcd", services.etcd(), "--redis", redis.uri(), "--port", "0",
                "--kafka-property", "security.protocol=SASL_PLAINTEXT", "--kafka-property", "sasl.mechanism=PLAIN")) {
            // when it starts against the PLAINTEXT broker
            String outcome = purger.await(STARTED_OR_NOT, Duration.ofSeconds(90));

            // then its Kafka clients were given the property: it does not start, and says the SASL login is missing
            assertThat(outcome).as(purger.output()).startsWith("could not start: ").contains("JAAS");
            assertThat(purger.output()).contains("ripple: ripple purger could not start")
                    .doesNotContain("/readyz at");
        }
    }

    @Test
    void shouldSayAtItsStartThatAReplicasRegionIsNotInTheConfigAndSayNothingOfAConfiguredOne(RedisProcess redis)
            throws Exception {
        Map<String, String> keys = Map.of("RIPPLE_SESSION_KEYS", TestKeys.spec("k1"));
        // given the demo config's regions (codfw, eqiad, esams), when a replica starts with a mistyped --region
        try (PartProcess replica = PartProcess.start(keys, "replica", "--region", "eqaid", "--bootstrap-servers",
                services.bootstrapServers(), "--etcd", services.etcd(), "--redis", redis.uri(), "--port", "0")) {
            // then it says so as it starts, with the regions there are, what it waits for and what to check
            String said = replica.await(Pattern.compile("(region eqaid is not in the config.*)"),
                    Duration.ofSeconds(90));
            assertThat(said).contains("(regions: codfw, eqiad, esams)", "ripple.replicate.eqaid",
                    "Is --region mistyped?");
        }
        // and a replica of a configured region starts without it
        try (PartProcess replica = PartProcess.start(keys, "replica", "--region", "eqiad", "--bootstrap-servers",
                services.bootstrapServers(), "--etcd", services.etcd(), "--redis", redis.uri(), "--port", "0")) {
            replica.await(Pattern.compile("read API at (http://[0-9.:]+)"), Duration.ofSeconds(90));
            assertThat(replica.output()).doesNotContain("not in the config");
        }
    }

    private static void assertReadyWithMetrics(String url, String... expected) throws Exception {
        await().atMost(Duration.ofSeconds(60)).until(() -> get(url + "/readyz").statusCode() == 200);
        assertThat(get(url + "/healthz").statusCode()).isEqualTo(200);
        String scrape = get(url + "/metrics").body();
        assertThat(scrape).contains(expected);
        Promtool.Result lint = Promtool.run(scrape, "check", "metrics");
        assertThat(lint.exitCode()).as(lint.output()).isZero();
    }

    private static HttpResponse<String> get(String url) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(10)).build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
