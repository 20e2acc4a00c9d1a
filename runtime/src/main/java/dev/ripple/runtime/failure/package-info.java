/**
 * Failure classification, once for every service: {@link dev.ripple.runtime.failure.Failures#classify} walks a
 * failure's cause chain and answers {@link dev.ripple.runtime.failure.FailureKind#RETRIABLE retriable} (timeouts,
 * 5xx, connection refused, Redis down), {@link dev.ripple.runtime.failure.FailureKind#REFUSED refused} (4xx, a
 * script's refusal: never succeeds by retrying, goes to a dead-letter topic) or
 * {@link dev.ripple.runtime.failure.FailureKind#FATAL fatal} (bugs).
 */
package dev.ripple.runtime.failure;
