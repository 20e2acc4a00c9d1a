package dev.ripple.cachepurger.internal;

import dev.ripple.cachepurger.PurgerException;

/** A guarded call was given up: the target kept answering with errors, or refused the purge. */
final class GaveUpException extends PurgerException {
    private final int attempts;

    GaveUpException(String target, int attempts, Throwable cause) {
        super("Target " + target + " gave up after " + attempts + " attempt(s): " + Failures.describe(cause), cause);
        this.attempts = attempts;
    }

    int attempts() {
        return attempts;
    }
}
