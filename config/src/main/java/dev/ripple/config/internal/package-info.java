/** Implementation of {@code dev.ripple.config}; it may change without notice, so no other module uses it. */
package dev.ripple.config.internal;
