package dev.ripple.events;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.util.Locale;

/** What an edit did to its resource. */
public enum Op {
    /** The resource was created or changed; the event may carry its new body. */
    UPSERT,
    /** The resource is gone; replicas keep a tombstone so an older upsert cannot resurrect it. */
    DELETE,
    /** The resource changed but the event carries no body: caches are purged and replicas marked stale. */
    INVALIDATE;

    /** The wire name: {@code upsert}, {@code delete} or {@code invalidate}. */
    @JsonValue
    public String wireName() {
        return name().toLowerCase(Locale.ROOT);
    }

    /**
     * Parses a wire name.
     *
     * @throws IllegalArgumentException naming the accepted values
     */
    @JsonCreator
    public static Op fromWire(String name) {
        for (Op op : values()) {
            if (op.wireName().equals(name)) {
                return op;
            }
        }
        throw new IllegalArgumentException("Unknown op '" + name + "': expected upsert, delete or invalidate");
    }
}
