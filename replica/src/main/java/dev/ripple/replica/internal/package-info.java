/** Implementation of {@code dev.ripple.replica}; it may change without notice. */
package dev.ripple.replica.internal;
