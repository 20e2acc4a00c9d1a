/**
 * Dead letters, one semantics for every service (DESIGN.md section 4): {@link
 * dev.ripple.runtime.deadletter.DeadLetterWriter} sends a {@link dev.ripple.runtime.deadletter.DeadLetter} as the
 * {@code DeadLetterRecord} of {@code events} (the original value and headers, with {@code ripple-dlq-*} headers) and completes only once Kafka acknowledged it;
 * {@link dev.ripple.runtime.deadletter.DeadLetterEncoder} caps its size without failing.
 */
package dev.ripple.runtime.deadletter;
