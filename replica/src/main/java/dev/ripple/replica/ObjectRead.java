package dev.ripple.replica;

import java.util.Objects;
import java.util.Optional;

/**
 * One key and its partition's position, read in one atomic step.
 *
 * @param object the object or tombstone held, or null if the key was never applied here
 * @param position the partition's applied position at that instant
 */
public record ObjectRead(StoredObject object, StoredPosition position) {
    public ObjectRead {
        Objects.requireNonNull(position, "position");
    }

    /** The object, if the key was ever applied here (tombstones included). */
    public Optional<StoredObject> found() {
        return Optional.ofNullable(object);
    }
}
