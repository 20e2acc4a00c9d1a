package dev.ripple.runtime.failure;

import io.lettuce.core.RedisCommandExecutionException;
import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import io.lettuce.core.RedisException;
import java.io.IOException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/**
 * Classifies failures by walking their cause chain: the first link that says something decides. Retriable:
 * {@link IOException} (connection refused, reset, HTTP timeouts), {@link TimeoutException}, Redis connection
 * failures, timeouts and busy answers ({@code LOADING}, {@code BUSY}, {@code MASTERDOWN}, {@code TRYAGAIN},
 * {@code CLUSTERDOWN}), Kafka's retriable errors, an open breaker, and HTTP 408, 429 and 5xx. Refused: other HTTP
 * statuses, a {@link TargetException#refused refusal}, any other Redis command error (a script's refusal,
 * {@code WRONGTYPE}). Fatal: everything else. Stateless and thread-safe.
 */
public final class Failures {
    private Failures() {}

    /** @param failure any failure, wrapped or not; null is {@link FailureKind#FATAL} */
    public static FailureKind classify(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TargetException e) {
                if (e.refused()) {
                    return FailureKind.REFUSED;
                }
                return e.status() >= 500 || e.status() == 408 || e.status() == 429 ? FailureKind.RETRIABLE
                        : FailureKind.REFUSED;
            }
            if (unanswered(t)) {
                return FailureKind.RETRIABLE;
            }
            if (t instanceof RedisCommandExecutionException) {
                return FailureKind.REFUSED;
            }
        }
        return FailureKind.FATAL;
    }

    /**
     * Whether the failure says the peer did not answer at all, or answered that it cannot serve now (HTTP 408,
     * 429, 502, 503, 504; Redis loading or busy): waiting for it is right however long it takes. An HTTP 500 is
     * retriable but answered.
     */
    public static boolean isUnavailable(Throwable failure) {
        for (Throwable t = failure; t != null; t = t.getCause()) {
            if (t instanceof TargetException e) {
                int s = e.status();
                return s == 408 || s == 429 || s == 502 || s == 503 || s == 504;
            }
            if (unanswered(t)) {
                return true;
            }
            if (t instanceof RedisCommandExecutionException) {
                return false;
            }
        }
        return false;
    }

    /** The failure itself, out of the wrappers that futures put around it. */
    public static Throwable unwrap(Throwable failure) {
        Throwable t = failure;
        while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
            t = t.getCause();
        }
        return t;
    }

    /** One line for logs and dead-letter reasons: the unwrapped failure's message, else its class name. */
    public static String describe(Throwable failure) {
        Throwable t = unwrap(failure);
        return t.getMessage() == null ? t.getClass().getSimpleName() : t.getMessage();
    }

    private static boolean unanswered(Throwable t) {
        if (t instanceof RedisConnectionException || t instanceof RedisCommandTimeoutException
                || t instanceof IOException || t instanceof TimeoutException || t instanceof BreakerOpenException
                || t instanceof org.apache.kafka.common.errors.RetriableException) {
            return true;
        }
        if (t instanceof RedisCommandExecutionException e) {
            String message = e.getMessage() == null ? "" : e.getMessage();
            return message.startsWith("LOADING") || message.startsWith("BUSY") || message.startsWith("MASTERDOWN")
                    || message.startsWith("TRYAGAIN") || message.startsWith("CLUSTERDOWN");
        }
        return t instanceof RedisException e && !(t instanceof RedisCommandExecutionException)
                && e.getMessage() != null && e.getMessage().contains("not connected");
    }
}
