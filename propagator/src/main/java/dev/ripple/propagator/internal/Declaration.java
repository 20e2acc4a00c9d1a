package dev.ripple.propagator.internal;

import dev.ripple.events.Dependency;
import java.util.List;

/**
 * What a resource declared it uses, the value of store {@code deps-declared} keyed by the resource: the next
 * declaration is compared with it, so only what changed travels to the index.
 *
 * @param stream the resource's stream
 * @param uses what it uses
 */
record Declaration(String stream, List<Dependency> uses) {
    Declaration {
        uses = List.copyOf(uses);
    }
}
