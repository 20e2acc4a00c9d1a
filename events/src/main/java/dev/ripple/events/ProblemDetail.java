package dev.ripple.events;

import com.fasterxml.jackson.annotation.JsonAnyGetter;
import com.fasterxml.jackson.annotation.JsonIgnore;
import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;

/**
 * An RFC 9457 problem document, the body of every Ripple HTTP error ({@code application/problem+json}).
 * Immutable; {@link #with} adds an extension member.
 *
 * @param type a URI naming the kind of problem, {@code https://ripple.dev/problems/<slug>}
 * @param title a short summary of the kind
 * @param status the HTTP status
 * @param detail what happened this time, and what to do about it
 * @param instance the request path; may be null
 * @param extensions further members (e.g. {@code errors}); never null
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record ProblemDetail(String type, String title, int status, String detail, String instance,
        @JsonIgnore Map<String, Object> extensions) {
    /** The media type of problem documents. */
    public static final String CONTENT_TYPE = "application/problem+json";
    /** Every Ripple problem type is this base plus a slug. */
    public static final String TYPE_BASE = "https://ripple.dev/problems/";

    public ProblemDetail {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(title, "title");
        Objects.requireNonNull(detail, "detail");
        if (status < 400 || status > 599) {
            throw new IllegalArgumentException("A problem's status must be 4xx or 5xx, was " + status);
        }
        extensions = Map.copyOf(extensions == null ? Map.of() : extensions);
    }

    /** A problem of kind {@code slug} (e.g. {@code invalid-event}). */
    public static ProblemDetail of(int status, String slug, String title, String detail) {
        return new ProblemDetail(TYPE_BASE + slug, title, status, detail, null, Map.of());
    }

    /** The slug of {@link #type()}: {@code invalid-event} for {@code https://ripple.dev/problems/invalid-event}. */
    @JsonIgnore
    public String slug() {
        return type.startsWith(TYPE_BASE) ? type.substring(TYPE_BASE.length()) : type;
    }

    public ProblemDetail withInstance(String path) {
        return new ProblemDetail(type, title, status, detail, path, extensions);
    }

    /** A copy with one more extension member. */
    public ProblemDetail with(String member, Object value) {
        Map<String, Object> more = new LinkedHashMap<>(extensions);
        more.put(member, value);
        return new ProblemDetail(type, title, status, detail, instance, more);
    }

    @JsonAnyGetter
    Map<String, Object> members() {
        return extensions;
    }
}
