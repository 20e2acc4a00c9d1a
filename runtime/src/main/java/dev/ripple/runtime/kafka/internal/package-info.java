/** Implementation of {@code dev.ripple.runtime.kafka}; may change without notice. */
package dev.ripple.runtime.kafka.internal;
