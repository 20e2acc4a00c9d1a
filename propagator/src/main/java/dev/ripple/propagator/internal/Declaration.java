package dev.ripple.propagator.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.ripple.events.Dependency;
import java.util.List;

/**
 * What a resource declared it uses, the value of store {@code deps-declared} keyed by the resource: the next
 * declaration is compared with it, so only what changed travels to the index. It also keeps what the rules may need
 * of the resource to route its derived events as they route its edits (the purge templates' {@code meta.domain}, a
 * match on tags), since a derived event is made from the key alone.
 *
 * @param stream the resource's stream
 * @param uses what it uses
 * @param uri the declaring event's {@code meta.uri}; may be null
 * @param domain the declaring event's {@code meta.domain}; may be null
 * @param tags the declaring event's tags
 */
@JsonInclude(JsonInclude.Include.NON_EMPTY)
record Declaration(String stream, List<Dependency> uses, String uri, String domain, List<String> tags) {
    Declaration {
        uses = List.copyOf(uses);
        tags = tags == null ? List.of() : List.copyOf(tags);
    }
}
