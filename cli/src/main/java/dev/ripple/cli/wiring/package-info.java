/**
 * One process wiring for every Ripple part: a {@link dev.ripple.cli.wiring.Part} per service (intake, propagator,
 * replica regions, purger, conit tracker, ops monitor), each built from one {@link dev.ripple.cli.wiring.PartContext}
 * by the same code whether {@code ripple up} composes them or a single-part command ({@code ripple producer},
 * {@code propagator}, {@code replica}, {@code purger}, {@code conits track}, {@code ops}) runs one alone.
 * {@link dev.ripple.cli.wiring.PartGroup} starts parts in order and closes them in reverse;
 * {@link dev.ripple.cli.wiring.Lifetime} runs a command's group until SIGTERM with one shutdown hook.
 */
package dev.ripple.cli.wiring;
