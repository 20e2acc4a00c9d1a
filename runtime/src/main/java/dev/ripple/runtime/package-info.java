/**
 * What every Ripple service shares, written once (DESIGN.md section 2): {@link
 * dev.ripple.runtime.ConitStatusFeed}; failure classification ({@code failure}); the blocking HTTP sender and the
 * guard with its breaker ({@code http}); the dead-letter writer ({@code deadletter}); Lua scripts with the
 * {@code NOSCRIPT} fallback ({@code redis}). Types in {@code .internal} packages may change without notice.
 */
package dev.ripple.runtime;
