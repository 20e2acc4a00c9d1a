package dev.ripple.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ripple.config.ConfigDocuments;
import dev.ripple.config.ConfigKeys;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.EtcdOptions;
import dev.ripple.config.RegionDoc;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.EtcdProcess;
import dev.ripple.embedded.RedisProcess;
import dev.ripple.embedded.junit.EtcdExtension;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.embedded.junit.RedisExtension;
import dev.ripple.runtime.lifecycle.State;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(EtcdExtension.class)
class RippleUpIT {
    private final HttpClient http = HttpClient.newHttpClient();

    @Test
    void shouldServeHealthAndRecordEndpointsWhileRunningAndLeaveNothingBehindAfterClose(@TempDir Path home)
            throws Exception {
        // given ripple up on a free port, recording into a temporary RIPPLE_HOME
        UpFile upFile = new UpFile(home.resolve("up.json"));
        RippleUp up = new RippleUp(new RippleUp.Options("127.0.0.1", 0, upFile), Clock.systemUTC());

        // when it starts
        UpEndpoints endpoints = up.start();

        // then it is healthy, answers unknown paths with a problem document, and up.json names it
        assertThat(get(endpoints.http() + "/healthz").body()).contains("\"ok\"");
        HttpResponse<String> missing = get(endpoints.http() + "/no-such-thing");
        assertThat(missing.statusCode()).isEqualTo(404);
        assertThat(missing.headers().firstValue("Content-Type")).hasValueSatisfying(
                type -> assertThat(type).startsWith("application/problem+json"));
        assertThat(upFile.running()).contains(endpoints);
        assertThat(endpoints.etcd()).isNull();
        assertThat(get(endpoints.http() + "/api/config/entries?prefix=/ripple/regions/").body())
                .contains("/ripple/regions/eqiad", "/ripple/regions/codfw", "/ripple/regions/esams");
        assertThat(endpoints.kafka()).startsWith("127.0.0.1:");
        assertThat(endpoints.redis()).startsWith("redis://127.0.0.1:");
        assertThat(up.started()).extracting(RippleUp.Started::name).contains("config");
        Path kafkaDataDir = Path.of(up.started().get(0).detail().replaceFirst(".*data in ", ""));
        assertThat(kafkaDataDir).exists();

        // when it is closed
        up.close();

        // then the file, the broker's data and the HTTP server are gone
        assertThat(up.state()).isEqualTo(State.STOPPED);
        assertThat(upFile.path()).doesNotExist();
        assertThat(kafkaDataDir).doesNotExist();
        assertThatThrownBy(() -> get(endpoints.http() + "/healthz")).isInstanceOf(java.io.IOException.class);
    }

    @Test
    void shouldKeepTheConfigInEtcdWhenGivenOneAndSeedItOnlyIfEmpty(EtcdProcess etcd, @TempDir Path home)
            throws Exception {
        // given an etcd that already holds a Ripple config of its own
        try (ConfigStore store = ConfigStore.etcd(EtcdOptions.of(etcd.endpoint()))) {
            store.deletePrefix(ConfigKeys.ROOT);
            store.put(ConfigKeys.region("ulsfo"), ConfigDocuments.toJson(RegionDoc.of("ulsfo")));
            RippleUp up = new RippleUp(new RippleUp.Options("127.0.0.1", 0, new UpFile(home.resolve("up.json")),
                    etcd.endpoint()), Clock.systemUTC());

            // when ripple up starts on it
            UpEndpoints endpoints;
            try {
                endpoints = up.start();
                String regions = get(endpoints.http() + "/api/config/entries?prefix=/ripple/regions/").body();

                // then it records etcd, serves etcd's config and has not imported the demo over it
                assertThat(endpoints.etcd()).isEqualTo(etcd.endpoint());
                assertThat(regions).contains("/ripple/regions/ulsfo").doesNotContain("eqiad");
            } finally {
                up.close();
            }
            assertThat(store.get(ConfigKeys.region("ulsfo"))).isPresent();
        }
    }

    @Test
    @ExtendWith({KafkaExtension.class, RedisExtension.class})
    void shouldRunAgainstABrokerAndARedisGivenAndLeaveThemRunning(EmbeddedKafka kafka, RedisProcess redis,
            @TempDir Path home) throws Exception {
        // given ripple up on a broker and a Redis of the caller's (as for a side-by-side with another tool)
        RippleUp up = new RippleUp(new RippleUp.Options("127.0.0.1", 0, new UpFile(home.resolve("up.json")), null,
                UpTuning.fromSystemProperties(), kafka.bootstrapServers(), redis.uri()), Clock.systemUTC());
        UpEndpoints endpoints;
        try {
            endpoints = up.start();

            // when an edit is published and read back in a region
            HttpResponse<String> published = http.send(HttpRequest.newBuilder(URI.create(endpoints.http()
                    + "/v1/events")).header("Content-Type", "application/json").POST(HttpRequest.BodyPublishers
                    .ofString("{\"meta\": {\"stream\": \"edits\", \"domain\": \"en.example.org\"}, "
                            + "\"key\": \"enwiki:Given\", \"revision\": 1, \"content_type\": \"text/plain\", "
                            + "\"body\": \"on the given broker\"}")).build(), HttpResponse.BodyHandlers.ofString());
            String token = published.headers().firstValue("Ripple-Session-Token").orElseThrow();
            HttpRequest readBack = HttpRequest.newBuilder(URI.create(endpoints.http()
                    + "/v1/regions/esams/objects/enwiki:Given")).header("Ripple-Session-Token", token).build();
            // a region that has not applied the write yet answers 409 (read-your-writes); a busy machine takes longer
            HttpResponse<String> read = await().atMost(Duration.ofSeconds(30)).until(
                    () -> http.send(readBack, HttpResponse.BodyHandlers.ofString()), r -> r.statusCode() != 409);

            // then it went through the given broker and Redis, and up started neither of its own
            assertThat(published.statusCode()).as(published.body()).isEqualTo(201);
            assertThat(read.body()).isEqualTo("on the given broker");
            assertThat(endpoints.kafka()).isEqualTo(kafka.bootstrapServers());
            assertThat(endpoints.redis()).isEqualTo(redis.uri());
            assertThat(up.started()).filteredOn(p -> p.name().equals("kafka") || p.name().equals("redis"))
                    .extracting(RippleUp.Started::detail).allSatisfy(d -> assertThat(d).contains("given"));
        } finally {
            up.close();
        }

        // and both are still there once up has stopped, holding what it wrote
        try (Admin admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers()))) {
            assertThat(admin.listTopics().names().get()).contains("ripple.stream.edits", "ripple.replicate.esams");
        }
        assertThat(redis.isAlive()).isTrue();
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
