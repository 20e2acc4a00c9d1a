/** Implementations of {@code dev.ripple.runtime.deadletter}; may change without notice. */
package dev.ripple.runtime.deadletter.internal;
