package dev.ripple.runtime.failure;

/** What a failed call means for the record it was made for; {@link Failures#classify} decides. */
public enum FailureKind {
    /** The peer is unavailable or answered with a transient error (timeout, 5xx, connection refused, Redis down):
     *  trying again later can succeed. */
    RETRIABLE,
    /** The peer refused this record for what it is (4xx, a script's refusal): retrying never succeeds, so the
     *  record goes to its dead-letter topic. */
    REFUSED,
    /** Anything else, a bug above all: neither retried nor blamed on the peer. */
    FATAL
}
