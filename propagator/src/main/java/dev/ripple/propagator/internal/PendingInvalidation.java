package dev.ripple.propagator.internal;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ripple.events.RootEvent;

/**
 * An invalidation of a dependent waiting out its coalescing window, the value of store {@code deps-pending} keyed
 * by the dependent: every request that arrives before {@code due} merges into it, so a dependent of ten edited
 * resources is invalidated once.
 *
 * @param stream the dependent's stream
 * @param dependency the key whose change asked first
 * @param root the first request's root edit
 * @param triggeredBy the first request's triggering event id
 * @param depth the smallest depth asked
 * @param due when it is written to the derived lane (epoch milliseconds)
 * @param merged requests merged into it after the first
 */
record PendingInvalidation(String stream, String dependency, RootEvent root,
        @JsonProperty("triggered_by") String triggeredBy, int depth, long due, int merged) {

    PendingInvalidation mergedWith(DepsMessage.Request request) {
        return new PendingInvalidation(stream, dependency, root, triggeredBy, Math.min(depth, request.depth()), due,
                merged + 1);
    }
}
