package dev.ripple.consistency.history;

import java.util.Objects;

/**
 * Points at one entry of a replica's apply log.
 *
 * @param replica the replica name; not null
 * @param index the zero-based index in that replica's log
 */
public record ApplyRef(String replica, int index) {

    /** @throws IllegalArgumentException if the index is negative */
    public ApplyRef {
        Objects.requireNonNull(replica, "replica");
        if (index < 0) {
            throw new IllegalArgumentException("Invalid apply index " + index + " at replica " + replica);
        }
    }

    /** @return {@code <replica>#<index>} */
    @Override
    public String toString() {
        return replica + "#" + index;
    }
}
