package dev.ripple.prober.internal;

import java.util.Objects;
import java.util.concurrent.CompletionException;

/**
 * What one look at a target found.
 *
 * @param verdict whether it served the write
 * @param hop for a write not served: where it stalled, as far as the target can tell ({@link Hop}); null otherwise
 * @param observed what was seen, for the inconsistency's trace (e.g. {@code revision 3}, {@code status 503})
 */
public record Check(Verdict verdict, String hop, String observed) {
    /** The outcome of a check. */
    public enum Verdict {
        /** The target serves the write or a newer one. */
        CONSISTENT,
        /** The target answered with something older. */
        INCONSISTENT,
        /** The target did not answer (in time); a reader would not have seen the write either. */
        FAILED
    }

    public Check {
        Objects.requireNonNull(verdict, "verdict");
        Objects.requireNonNull(observed, "observed");
    }

    public static Check consistent(String observed) {
        return new Check(Verdict.CONSISTENT, null, observed);
    }

    public static Check stale(String hop, String observed) {
        return new Check(Verdict.INCONSISTENT, Objects.requireNonNull(hop, "hop"), observed);
    }

    public static Check failed(String hop, String observed) {
        return new Check(Verdict.FAILED, Objects.requireNonNull(hop, "hop"), observed);
    }

    /** What {@code error} says, unwrapped from a future's {@link CompletionException}. */
    static String causeOf(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage());
    }

    public boolean consistent() {
        return verdict == Verdict.CONSISTENT;
    }
}
