/**
 * {@code ripple propagator}: the propagator alone in a process, against a Kafka cluster and etcd; and
 * {@link dev.ripple.ops.propagator.PropagatorPart}, the propagator as a part of {@code ripple up}.
 */
package dev.ripple.ops.propagator;
