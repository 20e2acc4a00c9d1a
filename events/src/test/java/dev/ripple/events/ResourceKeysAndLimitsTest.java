package dev.ripple.events;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** What the schema lets through but the rest of Ripple cannot carry: the validator refuses it, naming the field. */
class ResourceKeysAndLimitsTest {
    private static final EditEventValidator VALIDATOR = EditEventValidator.create();

    private static ObjectNode event() throws Exception {
        return (ObjectNode) EventJson.mapper().readTree("""
                {"meta": {"id": "b0c1a8a2-4d4e-4f1e-9c55-3e7c7d0e2a11", "dt": "2026-11-22T10:00:00Z",
                          "stream": "edits"}, "key": "enwiki:Main_Page"}""");
    }

    private static JsonNode with(String field, String json) throws Exception {
        ObjectNode event = event();
        event.set(field, EventJson.mapper().readTree(json));
        return event;
    }

    @Test
    void shouldRefuseAKeyOfMoreUtf8BytesThanTheReadApiReadsThoughItHasFewCharacters() throws Exception {
        // given a key of 1,024 two-byte characters: within the schema's 1,024 characters, but 2,048 bytes
        String key = "é".repeat(1024);

        // then the validator refuses it, naming the limit in bytes
        assertThat(VALIDATOR.validate(with("key", "\"" + key + "\""))).singleElement().satisfies(p -> {
            assertThat(p.pointer()).isEqualTo("/key");
            assertThat(p.message()).contains("2048 bytes", Integer.toString(ResourceKeys.MAX_BYTES));
        });
        assertThat(VALIDATOR.validate(with("key", "\"" + "é".repeat(512) + "\""))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"a\\u0000b", "a\\u001fb", "a\\u007fb", "a\\u0085b", "a\\ud800b", "a\\udc00"})
    void shouldRefuseAKeyWithAControlCharacterOrALoneSurrogate(String escaped) throws Exception {
        assertThat(VALIDATOR.validate(with("key", "\"" + escaped + "\""))).singleElement()
                .satisfies(p -> assertThat(p.pointer()).isEqualTo("/key"));
    }

    @ParameterizedTest
    @ValueSource(strings = {".", ".."})
    void shouldRefuseADotSegmentKeyWhichNoUrlPathCarries(String key) throws Exception {
        assertThat(VALIDATOR.validate(with("key", "\"" + key + "\""))).singleElement().satisfies(p -> {
            assertThat(p.pointer()).isEqualTo("/key");
            assertThat(p.message()).contains("dot segment");
        });
        assertThat(VALIDATOR.validate(with("key", "\"...\""))).isEmpty();
    }

    @Test
    void shouldAcceptAKeyWithASurrogatePair() throws Exception {
        assertThat(VALIDATOR.validate(with("key", "\"emoji:\\ud83d\\ude00\""))).isEmpty();
    }

    @Test
    void shouldPercentEncodeAKeyAsOnePathSegmentKeepingOnlyUnreservedCharacters() {
        assertThat(ResourceKeys.pathSegment("enwiki:C++ a/b?c#d%e.f_g-h~i")).isEqualTo(
                "enwiki%3AC%2B%2B%20a%2Fb%3Fc%23d%25e.f_g-h~i");
        assertThat(ResourceKeys.pathSegment("é\ud83d\ude00")).isEqualTo("%C3%A9%F0%9F%98%80");
    }

    @Test
    void shouldRefuseATagWithAControlCharacter() throws Exception {
        assertThat(VALIDATOR.validate(with("tags", "[\"ok\", \"bad\\u0000\"]"))).singleElement()
                .satisfies(p -> assertThat(p.pointer()).isEqualTo("/tags/1"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"revision", "base_revision"})
    void shouldRefuseARevisionBeyondALong(String field) throws Exception {
        assertThat(VALIDATOR.validate(with(field, "9223372036854775808"))).singleElement()
                .satisfies(p -> assertThat(p.pointer()).isEqualTo("/" + field));
        assertThat(VALIDATOR.validate(with(field, "9223372036854775807"))).isEmpty();
    }

    @ParameterizedTest
    @ValueSource(strings = {"1e400", "-1e400", "123456789012345678901234567890e300"})
    void shouldRefuseAWeightThatIsNotAFiniteDouble(String weight) throws Exception {
        assertThat(VALIDATOR.validate(with("weight", weight))).singleElement()
                .satisfies(p -> assertThat(p.pointer()).isEqualTo("/weight"));
    }
}
