/** Implementations of {@code dev.ripple.runtime.consume}; they may change without notice. */
package dev.ripple.runtime.consume.internal;
