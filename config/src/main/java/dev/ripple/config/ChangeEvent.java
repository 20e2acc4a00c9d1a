package dev.ripple.config;

import java.util.Objects;

/**
 * One change seen by a watch.
 *
 * @param type put (create or update) or delete
 * @param key the changed key
 * @param value the new value; null for a delete
 * @param modRevision store revision of the change; strictly increasing along a watch, except that the writes of
 *     one transaction share a revision
 */
public record ChangeEvent(Type type, String key, String value, long modRevision) {
    /** What happened to the key. */
    public enum Type { PUT, DELETE }

    public ChangeEvent {
        Objects.requireNonNull(type, "type");
        Objects.requireNonNull(key, "key");
        if (type == Type.PUT) {
            Objects.requireNonNull(value, "value of a put");
        }
    }
}
