/** Implementation details of {@code dev.ripple.consistency.history}; may change without notice. */
package dev.ripple.consistency.history.internal;
