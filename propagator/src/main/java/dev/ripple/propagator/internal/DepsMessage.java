package dev.ripple.propagator.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ripple.events.RootEvent;
import java.util.List;
import java.util.Objects;

/**
 * A record of {@code ripple.deps} (DESIGN.md 14): exactly one of an edge, keyed by the resource used, or a request,
 * keyed by the dependent. The topic carries the dependency traffic between partitions: a dependent's declaration is
 * read in the dependent's partition and indexed in the dependency's; a fan-out walks the index in the dependency's
 * partition and gathers invalidations in each dependent's.
 *
 * @param edge a dependent started, changed or stopped using a resource; null for a request
 * @param request a dependent must be invalidated; null for an edge
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
record DepsMessage(Edge edge, Request request) {
    DepsMessage {
        if ((edge == null) == (request == null)) {
            throw new IllegalArgumentException("a ripple.deps record is one of an edge or a request");
        }
    }

    /**
     * @param dependency the key used
     * @param dependent the key that uses it
     * @param stream the dependent's stream (its derived events go to that stream's lane)
     * @param parts the parts used; null for all
     * @param removed whether the dependent stopped using it
     */
    @JsonInclude(JsonInclude.Include.NON_NULL)
    record Edge(String dependency, String dependent, String stream, List<String> parts, boolean removed) {
        Edge {
            Objects.requireNonNull(dependency, "dependency");
            Objects.requireNonNull(dependent, "dependent");
            Objects.requireNonNull(stream, "stream");
        }
    }

    /**
     * @param dependent the key to invalidate
     * @param stream its stream
     * @param dependency the key whose change asks it
     * @param root the edit that started the chain
     * @param triggeredBy the {@code meta.id} of the event whose change asks it
     * @param depth the derived event's depth
     */
    record Request(String dependent, String stream, String dependency, RootEvent root,
            @JsonProperty("triggered_by") String triggeredBy, int depth) {
        Request {
            Objects.requireNonNull(dependent, "dependent");
            Objects.requireNonNull(stream, "stream");
            Objects.requireNonNull(root, "root");
        }
    }
}
