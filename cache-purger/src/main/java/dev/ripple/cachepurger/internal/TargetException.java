package dev.ripple.cachepurger.internal;

import dev.ripple.cachepurger.PurgerException;

/** A target answered a purge call with an error: an HTTP status, or a Redis error for one purge. */
final class TargetException extends PurgerException {
    private final int status;
    private final boolean refused;

    private TargetException(String message, int status, boolean refused) {
        super(message);
        this.status = status;
        this.refused = refused;
    }

    /** An HTTP node answered {@code status}. */
    static TargetException status(String target, String node, int status) {
        return new TargetException("Target " + target + ": " + node + " answered " + status, status, false);
    }

    /** The target refused this purge for what it is (it will refuse it again): no retry. */
    static TargetException refused(String target, String detail) {
        return new TargetException("Target " + target + " refused the purge: " + detail, 0, true);
    }

    /** The HTTP status, or 0. */
    int status() {
        return status;
    }

    boolean refused() {
        return refused;
    }
}
