package dev.ripple.runtime.http;

/** Told what a {@link Guard} does, for metrics and logs. Called on the guard's threads: keep it quick. */
public interface GuardListener {
    /** No-op. */
    GuardListener NONE = new GuardListener() {};

    /** A call waits: {@code breaker_open}, {@code bulkhead_full} or {@code rate_limited}. */
    default void waited(String target, String reason) {}

    /** An attempt ended: {@code success}, {@code retried}, {@code rejected} (refused) or {@code failed}. */
    default void called(String target, String outcome) {}

    /** The target's breaker moved from {@code from} to {@code to}. */
    default void breakerChanged(String target, BreakerState from, BreakerState to) {}
}
