package dev.ripple.events;

/**
 * Revisions are optional in events ({@link EditEvent#revision()}, {@link PurgeRequest#revision()}): null means the
 * producer gave none. Comparing them through {@code Math.max} or a ternary with a {@code long} branch unboxes a
 * null and throws; merge them here instead.
 */
public final class Revisions {
    private Revisions() {}

    /** The higher of two optional revisions: either one when the other is null, null only when both are. */
    public static Long max(Long a, Long b) {
        if (a == null) {
            return b;
        }
        if (b == null) {
            return a;
        }
        return a >= b ? a : b;
    }
}
