package dev.ripple.propagator.internal;

import dev.ripple.events.PurgeRequest;
import dev.ripple.events.SourcePosition;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Objects;
import java.util.Set;

/**
 * A purge waiting in its rule's coalescing window, in the purge buffer store.
 *
 * @param region the region whose purge topic it goes to
 * @param request the purge so far: later purges of the key merge into it
 * @param dueMs when the window closes (Streams wall-clock time, ms)
 * @param floor the position of the source topic just before the first purge merged here: purge watermarks stay
 *     at or below it until this purge is out; null when nothing came before it
 */
public record PendingPurge(String region, PurgeRequest request, long dueMs, SourcePosition floor) {
    public PendingPurge {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(request, "request");
    }

    /** This purge with a later one of the same key and rule merged in: union of targets, the later's metadata. */
    PendingPurge merge(PurgeRequest later) {
        PurgeRequest merged = new PurgeRequest(request.key(), union(request.keys(), later.keys()),
                union(request.urls(), later.urls()), union(request.tags(), later.tags()),
                later.revision() != null ? later.revision() : request.revision(), later.source(), later.rule(),
                later.trace());
        return new PendingPurge(region, merged, dueMs, floor);
    }

    private static List<String> union(List<String> a, List<String> b) {
        if (a.equals(b)) {
            return a;
        }
        Set<String> all = new LinkedHashSet<>(a);
        all.addAll(b);
        return List.copyOf(all);
    }
}
