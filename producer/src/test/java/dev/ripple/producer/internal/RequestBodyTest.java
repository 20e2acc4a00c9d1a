package dev.ripple.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayInputStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What counts as a JSON body, and the stream that stops reading at the limit. */
class RequestBodyTest {
    @ParameterizedTest
    @ValueSource(strings = {"application/json", "Application/JSON", "application/json; charset=utf-8",
            "application/json;charset=\"UTF-8\"", "application/json; foo=bar"})
    void shouldTakeJsonInUtf8(String type) {
        assertThat(RequestBody.isJson(type)).isTrue();
    }

    @ParameterizedTest
    @ValueSource(strings = {"text/plain", "application/x-www-form-urlencoded", "multipart/form-data; boundary=x",
            "application/json; charset=iso-8859-1", "application/jsonp", "", "application/json; charset"})
    void shouldRefuseOtherTypesAndCharsets(String type) {
        assertThat(RequestBody.isJson(type)).isFalse();
        assertThat(RequestBody.isJson(null)).isFalse();
    }

    @Test
    void shouldReadUpToTheLimitAndFailOneByteAfter() throws Exception {
        assertThat(new BoundedInputStream(new ByteArrayInputStream(new byte[1024]), 1024).readAllBytes())
                .hasSize(1024);
        assertThatThrownBy(() -> new BoundedInputStream(new ByteArrayInputStream(new byte[1025]), 1024)
                .readAllBytes()).isInstanceOf(BoundedInputStream.TooLarge.class).hasMessage("more than 1024 bytes");
    }
}
