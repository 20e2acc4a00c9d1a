package dev.ripple.testsupport;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.events.EventJson;
import dev.ripple.events.ProblemDetail;

/** Checks of the RFC 9457 problem documents every Ripple HTTP error is answered with. */
public final class ProblemAssertions {
    private ProblemAssertions() {}

    /**
     * Asserts that {@code body}, served as {@code contentType}, is a Ripple problem document: media type
     * {@code application/problem+json}, {@code status} as given, type {@code https://ripple.dev/problems/<slug>} (any
     * Ripple type when {@code slug} is null), a detail that is not blank. The response's own status line is the
     * caller's to check.
     *
     * @return the document, for further checks
     */
    public static JsonNode assertProblem(String contentType, String body, int status, String slug) {
        assertThat(contentType).as(body).startsWith(ProblemDetail.CONTENT_TYPE);
        JsonNode problem;
        try {
            problem = EventJson.mapper().readTree(body);
        } catch (JsonProcessingException e) {
            throw new AssertionError("Not a JSON problem document: " + body, e);
        }
        if (slug == null) {
            assertThat(problem.path("type").asText()).as(body).startsWith(ProblemDetail.TYPE_BASE);
        } else {
            assertThat(problem.path("type").asText()).as(body).isEqualTo(ProblemDetail.TYPE_BASE + slug);
        }
        assertThat(problem.path("status").asInt()).as(body).isEqualTo(status);
        assertThat(problem.path("detail").asText()).as(body).isNotBlank();
        return problem;
    }
}
