package dev.ripple.propagator.internal;

import dev.ripple.events.EditEvent;
import java.util.List;
import java.util.Set;

/** The event fields rules test and templates read, by the names rules use ({@code meta.domain}, …). */
final class EventFields {
    /** Fields a template may name besides the match's named groups (as config's rule validation allows). */
    static final Set<String> TEMPLATE_FIELDS = Set.of("key", "op", "revision", "meta.stream", "meta.domain",
            "meta.uri", "meta.origin", "meta.id");

    private EventFields() {}

    /** The values of a match field: none when absent, several for {@code tags}. */
    static List<String> values(EditEvent event, String field) {
        if ("tags".equals(field)) {
            return event.tags();
        }
        String value = single(event, field);
        return value == null ? List.of() : List.of(value);
    }

    /** One field's value, or null when the event has none. */
    static String single(EditEvent event, String field) {
        return switch (field) {
            case "key" -> event.key();
            case "op" -> event.op().wireName();
            case "revision" -> event.revision() == null ? null : event.revision().toString();
            case "content_type" -> event.contentType();
            case "meta.stream" -> event.meta().stream();
            case "meta.domain" -> event.meta().domain();
            case "meta.uri" -> event.meta().uri();
            case "meta.origin" -> event.meta().origin();
            case "meta.id" -> event.meta().id();
            default -> throw new IllegalArgumentException("Unknown event field '" + field + "'");
        };
    }
}
