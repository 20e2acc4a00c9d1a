package dev.ripple.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.List;
import java.util.Objects;

/**
 * One entry of an edit event's {@code uses}: a resource this event's resource reads (DESIGN.md section 14).
 *
 * @param key the key of the resource used, e.g. {@code template:Infobox}
 * @param parts the pieces of it that are read (a section, a field, a parameter); null for all of it
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Dependency(String key, List<String> parts) {
    public Dependency {
        Objects.requireNonNull(key, "uses[].key");
        parts = parts == null ? null : List.copyOf(parts);
    }

    /** Whether an edit that changed {@code changed} (null: everything) touches what this dependency reads. */
    public boolean isTouchedBy(List<String> changed) {
        if (parts == null || changed == null) {
            return true;
        }
        for (String part : changed) {
            if (parts.contains(part)) {
                return true;
            }
        }
        return false;
    }
}
