package dev.ripple.replica;

import dev.ripple.consistency.Dot;
import dev.ripple.events.Op;
import java.time.Instant;
import java.util.Objects;

/**
 * An object as a replica holds it: the last applied version of a key, or its tombstone.
 *
 * @param key the resource key
 * @param op {@code UPSERT}; {@code DELETE} for a tombstone (no body); {@code INVALIDATE} when the last edit carried
 *     no body, so the body held (if any) is stale
 * @param revision the source of truth's revision, or null
 * @param dot the version: source topic, partition and offset
 * @param contentType the body's media type, or null
 * @param body the body, or null
 * @param dt the edit's source {@code dt}
 * @param appliedAt when this region applied it
 */
public record StoredObject(String key, Op op, Long revision, Dot dot, String contentType, String body, Instant dt,
        Instant appliedAt) {
    public StoredObject {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(op, "op");
        Objects.requireNonNull(dot, "dot");
        Objects.requireNonNull(dt, "dt");
        Objects.requireNonNull(appliedAt, "appliedAt");
    }

    /** True for a tombstone. */
    public boolean deleted() {
        return op == Op.DELETE;
    }

    /** The entity tag of the read API: {@code "<revision>/<dot>"} ({@code -} for no revision). */
    public String etag() {
        return "\"" + (revision == null ? "-" : revision.toString()) + "/" + dot + "\"";
    }
}
