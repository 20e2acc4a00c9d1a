package dev.ripple.prober.internal;

import java.net.BindException;
import java.util.Objects;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;

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
        FAILED,
        /**
         * The prober itself could not look (no file descriptor or local port left, its executor full): says nothing
         * of the target, so the delay goes unjudged.
         */
        UNJUDGED
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

    /**
     * A look that ended in {@code error}: {@link Verdict#UNJUDGED} if the prober's own side failed
     * ({@link #proberSide}), else {@link Verdict#FAILED} at {@code hop}.
     *
     * @param what what was attempted, for the trace (e.g. {@code no answer from http://…})
     */
    public static Check failedLook(String hop, String what, Throwable error) {
        String observed = what + ": " + causeOf(error);
        return proberSide(error) ? new Check(Verdict.UNJUDGED, null, observed) : failed(hop, observed);
    }

    /**
     * Whether {@code error}, or a cause of it, is the prober's own failure rather than the target's: out of file
     * descriptors or local ports, an executor refusing work, out of memory.
     */
    static boolean proberSide(Throwable error) {
        for (Throwable cause = error; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
            String message = String.valueOf(cause.getMessage());
            if (cause instanceof BindException || cause instanceof RejectedExecutionException
                    || cause instanceof OutOfMemoryError || message.contains("Too many open files")) {
                return true;
            }
        }
        return false;
    }

    /** What {@code error} says, unwrapped from a future's {@link CompletionException}. */
    private static String causeOf(Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        return cause.getClass().getSimpleName() + (cause.getMessage() == null ? "" : " " + cause.getMessage());
    }

    public boolean consistent() {
        return verdict == Verdict.CONSISTENT;
    }
}
