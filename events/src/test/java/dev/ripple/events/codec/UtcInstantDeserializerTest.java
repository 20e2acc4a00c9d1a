package dev.ripple.events.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.exc.InvalidFormatException;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.ripple.events.EventJson;
import dev.ripple.events.UtcInstants;
import java.time.Instant;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The fast instants read what Jackson's own deserializer reads, and leave it everything else. */
class UtcInstantDeserializerTest {
    private final ObjectMapper fast = EventJson.mapper().copy()
            .registerModule(new SimpleModule().addDeserializer(Instant.class, new UtcInstantDeserializer()));

    @ParameterizedTest
    @ValueSource(strings = {"2026-12-05T21:33:15Z", "2026-12-05T21:33:15.1Z", "2026-12-05T21:33:15.123Z",
            "2026-12-05T21:33:15.123456Z", "2026-12-05T21:33:15.123456789Z", "0000-01-01T00:00:00Z",
            "9999-12-31T23:59:59.999999999Z", "2024-02-29T12:00:00Z", "2026-12-05T21:33:15+02:00",
            " 2026-12-05T21:33:15Z", "2026-12-05T23:59:60Z"})
    void shouldReadWhatJacksonReads(String text) throws Exception {
        String json = EventJson.mapper().writeValueAsString(text);
        assertThat(fast.readValue(json, Instant.class)).isEqualTo(EventJson.mapper().readValue(json, Instant.class));
    }

    @Test
    void shouldParseOnlyTheCanonicalFormItself() {
        assertThat(UtcInstants.parse("2026-12-05T21:33:15.5Z")).isEqualTo(Instant.parse("2026-12-05T21:33:15.500Z"));
        assertThat(UtcInstants.parse("2026-12-05T21:33:15.Z")).isNull();
        assertThat(UtcInstants.parse("2026-12-05t21:33:15Z")).isNull();
        assertThat(UtcInstants.parse("2026-12-05T21:33:15+00:00")).isNull();
        assertThat(UtcInstants.parse("2026-02-30T21:33:15Z")).isNull();
        assertThat(UtcInstants.parse("2026-12-05T24:00:00Z")).isNull();
        assertThat(UtcInstants.parse("2026-1x-05T21:33:15Z")).isNull();
        assertThat(UtcInstants.parse("2026-12-05T21:33:15.1234567890Z")).isNull();
    }

    @Test
    void shouldFailAsJacksonFailsOnWhatIsNoInstant() {
        assertThatThrownBy(() -> fast.readValue("\"2026-02-30T21:33:15Z\"", Instant.class))
                .isInstanceOf(InvalidFormatException.class);
    }
}
