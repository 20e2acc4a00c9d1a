/** Implementation details of {@code dev.ripple.consistency}; may change without notice. */
package dev.ripple.consistency.internal;
