/** Implementations of {@code dev.ripple.runtime.http}; may change without notice. */
package dev.ripple.runtime.http.internal;
