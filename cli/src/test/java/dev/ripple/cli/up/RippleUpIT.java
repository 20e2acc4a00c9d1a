package dev.ripple.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.config.ConfigDocuments;
import dev.ripple.config.ConfigKeys;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.EtcdOptions;
import dev.ripple.config.RegionDoc;
import dev.ripple.embedded.EtcdProcess;
import dev.ripple.embedded.junit.EtcdExtension;
import dev.ripple.runtime.lifecycle.State;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
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

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
