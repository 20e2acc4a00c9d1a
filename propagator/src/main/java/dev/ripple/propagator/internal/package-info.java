/** Implementation of {@code dev.ripple.propagator}; it may change without notice, so no other module uses it. */
package dev.ripple.propagator.internal;
