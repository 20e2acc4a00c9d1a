package dev.ripple.cachepurger.internal;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Decides, by walking the cause chain, what a failed target call means for its purge. */
final class Failures {
    /** What a failure says about the target and the purge. */
    enum Kind {
        /** The target did not answer: wait for it as long as it takes (the breaker pauses the partitions). */
        UNAVAILABLE,
        /** The target answered with an error: retry a few times, then dead-letter the purge. */
        FAILED,
        /** The target refused this purge: dead-letter it at once. */
        REFUSED
    }

    private Failures() {}

    static Kind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TargetException e) {
                return e.refused() ? Kind.REFUSED : ofStatus(e.status());
            }
            if (t instanceof RedisConnectionException || t instanceof RedisCommandTimeoutException
                    || t instanceof IOException || t instanceof TimeoutException) {
                return Kind.UNAVAILABLE;
            }
            if (t instanceof RedisCommandExecutionException e) {
                return busy(e) ? Kind.UNAVAILABLE : Kind.REFUSED;
            }
            if (t instanceof RedisException e && e.getMessage() != null
                    && e.getMessage().contains("not connected")) {
                return Kind.UNAVAILABLE;
            }
        }
        return Kind.FAILED;
    }

    /** The failure itself, out of the wrappers that futures put around it. */
    static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** One line for logs and dead-letter reasons. */
    static String describe(Throwable failure) {
        Throwable t = unwrap(failure);
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static Kind ofStatus(int status) {
        if (status == 408 || status == 429 || status == 502 || status == 503 || status == 504) {
            return Kind.UNAVAILABLE;
        }
        return status >= 500 ? Kind.FAILED : Kind.REFUSED;
    }

    private static boolean busy(RedisCommandExecutionException e) {
        String message = e.getMessage() == null ? "" : e.getMessage();
        return message.startsWith("LOADING") || message.startsWith("BUSY") || message.startsWith("MASTERDOWN")
                || message.startsWith("TRYAGAIN") || message.startsWith("CLUSTERDOWN");
    }
}
