/**
 * {@code ripple propagator}: the propagator alone in a process, against a Kafka cluster and etcd, wired as
 * {@code ripple up} wires it ({@link dev.ripple.ops.wiring.PropagatorPart}).
 */
package dev.ripple.ops.propagator;
