/**
 * The latest state of every key of a stream, as the propagator kept it in {@code ripple.latest.<stream>}
 * (DESIGN.md 4): {@link dev.ripple.runtime.latest.LatestStateScan} reads it, resumably, for a region's rebuild and
 * for {@code ripple replay}.
 */
package dev.ripple.runtime.latest;
