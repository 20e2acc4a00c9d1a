package dev.ripple.ops.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Clock;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        assertThat(endpoints.kafka()).startsWith("127.0.0.1:");
        assertThat(endpoints.redis()).startsWith("redis://127.0.0.1:");
        Path kafkaDataDir = Path.of(up.started().get(0).detail().replaceFirst(".*data in ", ""));
        assertThat(kafkaDataDir).exists();

        // when it is closed
        up.close();

        // then the file, the broker's data and the HTTP server are gone
        assertThat(up.state()).isEqualTo(RippleUp.State.STOPPED);
        assertThat(upFile.path()).doesNotExist();
        assertThat(kafkaDataDir).doesNotExist();
        assertThatThrownBy(() -> get(endpoints.http() + "/healthz")).isInstanceOf(java.io.IOException.class);
    }

    private HttpResponse<String> get(String url) throws Exception {
        return http.send(HttpRequest.newBuilder(URI.create(url)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
