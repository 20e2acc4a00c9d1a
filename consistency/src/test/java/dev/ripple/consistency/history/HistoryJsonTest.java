package dev.ripple.consistency.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.ByteArrayInputStream;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class HistoryJsonTest {

    static History parse(String json) {
        return History.fromJson(new ByteArrayInputStream(json.getBytes(StandardCharsets.UTF_8)));
    }

    static String op(String fields) {
        return "{\"format\":\"ripple-history/1\",\"operations\":[{" + fields + "}]}";
    }

    static final String WRITE = "\"id\":\"w1\",\"type\":\"write\",\"session\":\"s\",\"key\":\"k\",\"end_ms\":2,"
            + "\"outcome\":\"ok\",\"dot\":\"edits:0@1\"";

    @Test
    void shouldCheckTheReadmeExampleAndFindItsStaleOwnWrite() throws Exception {
        // given
        History history;
        try (InputStream in = getClass().getResourceAsStream("/histories/readme-example.json")) {
            history = History.fromJson(in);
        }
        // when
        CheckReport report = HistoryChecker.create().check(history);
        // then
        assertThat(history.operations()).hasSize(3);
        assertThat(history.applies()).containsOnlyKeys("codfw", "eqiad");
        assertThat(((ReadOp) history.operations().get(1)).bound()).isEqualTo(new StalenessBound(500, Long.MAX_VALUE));
        assertThat(report.anomalies()).singleElement().satisfies(a -> {
            assertThat(a.type()).isEqualTo(AnomalyType.STALE_OWN_WRITE);
            assertThat(a.operations()).containsExactly("r1", "w1");
        });
    }

    @Test
    void shouldRoundTripAHistoryThroughJson() {
        // given
        History history = HistoryGenerator.generate(HistoryGenerator.Config.realistic(2_000, 3))
                .withDefaultBound(new StalenessBound(250, Long.MAX_VALUE));
        // when
        History back = parse(history.toJson());
        // then
        assertThat(back).isEqualTo(history);
        assertThat(history.toJson()).startsWith("{\"format\":\"ripple-history/1\",\"converged\":true,");
    }

    @Test
    void shouldNameTheOperationAndFieldWhenAValueIsWrong() {
        assertThatThrownBy(() -> parse(op(WRITE + ",\"start_ms\":\"soon\"")))
                .isInstanceOf(HistoryFormatException.class)
                .hasMessageContaining("operation #0 (w1)").hasMessageContaining("\"start_ms\" must be a whole number");
        assertThatThrownBy(() -> parse(op(WRITE.replace("\"ok\"", "\"maybe\"") + ",\"start_ms\":1")))
                .hasMessageContaining("outcome 'maybe'").hasMessageContaining("ok, failed");
        assertThatThrownBy(() -> parse(op(WRITE.replace("edits:0@1", "edits0") + ",\"start_ms\":1")))
                .hasMessageContaining("(w1)").hasMessageContaining("edits0");
        assertThatThrownBy(() -> parse(op(WRITE + ",\"start_ms\":5")))
                .hasMessageContaining("end_ms 2 is before start_ms 5");
    }

    @Test
    void shouldRefuseUnknownFieldsSoThatATypoCannotSilentlyDisableACheck() {
        assertThatThrownBy(() -> parse(op(WRITE + ",\"start_ms\":1,\"tokn_in\":null")))
                .hasMessageContaining("unknown field \"tokn_in\"");
        assertThatThrownBy(() -> parse("{\"format\":\"ripple-history/1\",\"convergd\":true}"))
                .hasMessageContaining("unknown field \"convergd\"");
        assertThatThrownBy(() -> parse("{\"format\":\"ripple-history/2\"}")).hasMessageContaining("ripple-history/1");
    }

    @Test
    void shouldRefuseDuplicateIdsAndBrokenJsonWithALineNumber() {
        String twice = "{\"operations\":[{" + WRITE + ",\"start_ms\":1},{" + WRITE + ",\"start_ms\":1}]}";
        assertThatThrownBy(() -> parse(twice)).hasMessageContaining("w1 is used twice");
        assertThatThrownBy(() -> parse("{\"operations\":[\n{\"id\":}]}"))
                .isInstanceOf(HistoryFormatException.class).hasMessageContaining("line 2");
        assertThatThrownBy(() -> parse("{\"applies\":{\"eu\":[{\"dot\":\"edits:0@1\",\"key\":\"k\"}]}}"))
                .hasMessageContaining("apply eu#0").hasMessageContaining("at_ms");
    }

    @Test
    void shouldWriteTheReportAsJsonWithEveryCountAndTheOperationsInvolved() throws Exception {
        // given
        History history;
        try (InputStream in = getClass().getResourceAsStream("/histories/readme-example.json")) {
            history = History.fromJson(in);
        }
        // when
        JsonNode json = new ObjectMapper().readTree(HistoryChecker.create().check(history).toJson());
        // then
        assertThat(json.get("ok").asBoolean()).isFalse();
        assertThat(json.get("operations").asInt()).isEqualTo(3);
        assertThat(json.get("counts").size()).isEqualTo(AnomalyType.values().length);
        assertThat(json.get("counts").get("stale-own-write").asLong()).isEqualTo(1);
        JsonNode anomaly = json.get("anomalies").get(0);
        assertThat(anomaly.get("type").asText()).isEqualTo("stale-own-write");
        assertThat(anomaly.get("guarantee").asText()).isEqualTo("read-your-writes");
        assertThat(anomaly.get("operations").toString()).isEqualTo("[\"r1\",\"w1\"]");
    }
}
