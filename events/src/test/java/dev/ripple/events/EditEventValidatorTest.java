package dev.ripple.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class EditEventValidatorTest {
    private static final EditEventValidator VALIDATOR = EditEventValidator.create();

    private static JsonNode json(String text) throws Exception {
        return EventJson.mapper().readTree(text);
    }

    @Test
    void shouldAcceptTheEventOfTheDesignDocument() throws Exception {
        JsonNode event = json("""
                {"$schema": "/ripple/edit/1.0.0",
                 "meta": {"id": "b0c1a8a2-4d4e-4f1e-9c55-3e7c7d0e2a11", "dt": "2026-11-22T10:00:00.123Z",
                          "stream": "edits", "uri": "https://en.example.org/wiki/Main_Page",
                          "domain": "en.example.org", "request_id": "r-1", "origin": "eqiad"},
                 "key": "enwiki:Main_Page", "op": "upsert", "revision": 42, "base_revision": 41,
                 "content_type": "text/html", "body": "<p>hi</p>",
                 "tags": ["page:enwiki:Main_Page", "template:Infobox"], "weight": 1.0,
                 "root_event": {"id": "b0c1a8a2-4d4e-4f1e-9c55-3e7c7d0e2a10", "dt": "2026-11-22T09:59:59Z"},
                 "triggered_by": "template-update"}
                """);

        assertThat(VALIDATOR.validate(event)).isEmpty();
        EditEvent parsed = VALIDATOR.parse(event);
        assertThat(parsed.key()).isEqualTo("enwiki:Main_Page");
        assertThat(parsed.op()).isEqualTo(Op.UPSERT);
        assertThat(parsed.baseRevision()).isEqualTo(41L);
        assertThat(parsed.meta().dt()).isEqualTo(Instant.parse("2026-11-22T10:00:00.123Z"));
        assertThat(parsed.tags()).containsExactly("page:enwiki:Main_Page", "template:Infobox");
    }

    @Test
    void shouldListEveryProblemWithItsJsonPointer() throws Exception {
        JsonNode event = json("""
                {"meta": {"id": "not-a-uuid", "dt": "yesterday", "stream": "Edits!"},
                 "key": "", "op": "rename", "revision": -1, "body": "x", "colour": "red"}
                """);

        assertThat(VALIDATOR.validate(event)).extracting(ValidationProblem::pointer).contains(
                "/meta/id", "/meta/dt", "/meta/stream", "/key", "/op", "/revision", "");
        assertThat(VALIDATOR.validate(event)).extracting(ValidationProblem::message)
                .anySatisfy(m -> assertThat(m).contains("colour"))
                .anySatisfy(m -> assertThat(m).contains("content_type"));
    }

    @Test
    void shouldRefuseABodyOnADeleteOrInvalidate() throws Exception {
        JsonNode event = json("""
                {"meta": {"id": "b0c1a8a2-4d4e-4f1e-9c55-3e7c7d0e2a11", "dt": "2026-11-22T10:00:00Z",
                          "stream": "edits"},
                 "key": "k", "op": "delete", "content_type": "text/plain", "body": "gone"}
                """);

        assertThat(VALIDATOR.validate(event)).isNotEmpty();
        assertThatThrownBy(() -> VALIDATOR.parse(event)).isInstanceOf(InvalidEventException.class);
    }

    @Test
    void shouldRoundTripThroughJsonWithSnakeCaseNamesAndOpDefaultingToUpsert() throws Exception {
        EditEvent event = VALIDATOR.parse(json("""
                {"meta": {"id": "b0c1a8a2-4d4e-4f1e-9c55-3e7c7d0e2a11", "dt": "2026-11-22T10:00:00Z",
                          "stream": "edits", "request_id": "abc"},
                 "key": "k", "base_revision": 3}
                """));
        assertThat(event.op()).isEqualTo(Op.UPSERT);

        String written = EventJson.mapper().writeValueAsString(event);

        assertThat(written).contains("\"base_revision\":3", "\"request_id\":\"abc\"", "\"op\":\"upsert\"",
                "\"dt\":\"2026-11-22T10:00:00Z\"").doesNotContain("tags", "null");
        assertThat(VALIDATOR.parse(json(written))).isEqualTo(event);
    }

    @Test
    void shouldReadDependenciesAndRefuseTheirHostileShapesByPointer() throws Exception {
        String head = "{\"meta\": {\"id\": \"b0c1a8a2-4d4e-4f1e-9c55-3e7c7d0e2a11\", \"dt\": \"2026-11-22T10:00:00Z\", "
                + "\"stream\": \"edits\"}, \"key\": \"page\", ";
        EditEvent parsed = VALIDATOR.parse(json(head + "\"uses\": [{\"key\": \"template:Infobox\", \"parts\": "
                + "[\"params\"]}, {\"key\": \"template:Nav\"}], \"changed_parts\": [\"lead\"]}"));
        assertThat(parsed.uses()).containsExactly(new Dependency("template:Infobox", List.of("params")),
                new Dependency("template:Nav", null));
        assertThat(parsed.changedParts()).containsExactly("lead");
        assertThat(parsed.effectiveDepth()).isZero();

        String many = "{\"key\": \"t\"},".repeat(1001);
        assertThat(VALIDATOR.validate(json(head + "\"uses\": [" + many.substring(0, many.length() - 1) + "]}")))
                .extracting(ValidationProblem::pointer).contains("/uses");
        assertThat(VALIDATOR.validate(json(head + "\"uses\": [{\"parts\": [\"a\"]}]}")))
                .extracting(ValidationProblem::pointer).contains("/uses/0");
        assertThat(VALIDATOR.validate(json(head + "\"uses\": [{\"key\": \"t\", \"parts\": [\"a\", \"a\"]}]}")))
                .extracting(ValidationProblem::pointer).contains("/uses/0/parts");
        assertThat(VALIDATOR.validate(json(head + "\"uses\": {\"key\": \"t\"}}")))
                .extracting(ValidationProblem::pointer).contains("/uses");
        assertThat(VALIDATOR.validate(json(head + "\"uses\": null}"))).extracting(ValidationProblem::pointer)
                .contains("/uses");
        assertThat(VALIDATOR.validate(json(head + "\"changed_parts\": [\"" + "x".repeat(256) + "\"]}")))
                .extracting(ValidationProblem::pointer).contains("/changed_parts/0");
        assertThat(VALIDATOR.validate(json(head + "\"depth\": -1}"))).extracting(ValidationProblem::pointer)
                .contains("/depth");
    }
}
