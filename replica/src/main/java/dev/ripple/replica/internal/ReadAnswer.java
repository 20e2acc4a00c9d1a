package dev.ripple.replica.internal;

import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * What the read API answers, before it is written to HTTP: status, headers, and either a body or an RFC 9457
 * problem ({@code type}, {@code title}, {@code status}, {@code detail}, plus extension members).
 *
 * @param outcome the {@code outcome} tag of {@code ripple.read.requests}
 */
record ReadAnswer(int status, String outcome, Map<String, String> headers, String contentType, byte[] body,
        Map<String, Object> problem) {
    static final String PROBLEM_JSON = "application/problem+json";
    static final String PROBLEM_BASE = "https://ripple.dev/problems/";

    static ReadAnswer ok(int status, String outcome, Map<String, String> headers, String contentType, String body) {
        return new ReadAnswer(status, outcome, Collections.unmodifiableMap(new LinkedHashMap<>(headers)),
                contentType, body == null ? new byte[0] : body.getBytes(StandardCharsets.UTF_8), null);
    }

    static ReadAnswer problem(int status, String outcome, String type, String title, String detail,
            Map<String, String> headers, Map<String, Object> extensions) {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", PROBLEM_BASE + type);
        problem.put("title", title);
        problem.put("status", status);
        problem.put("detail", detail);
        problem.putAll(extensions);
        return new ReadAnswer(status, outcome, Collections.unmodifiableMap(new LinkedHashMap<>(headers)),
                PROBLEM_JSON, null, Collections.unmodifiableMap(problem));
    }

    static ReadAnswer problem(int status, String outcome, String type, String title, String detail) {
        return problem(status, outcome, type, title, detail, Map.of(), Map.of());
    }
}
