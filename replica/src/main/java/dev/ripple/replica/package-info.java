/**
 * Regional replicas (DESIGN.md sections 5, 6.1, 6.3 and 7): the per-region {@link dev.ripple.replica.ReplicaApplier}
 * that applies {@code ripple.replicate.<region>} in partition order with dependency waits, the
 * {@link dev.ripple.replica.ReplicaStore} (Redis, one Lua script per batch), HTTP replica targets, the applied
 * positions on {@code ripple.positions}, and the {@link dev.ripple.replica.ReadApi} that keeps session guarantees.
 * {@link dev.ripple.replica.ReplicaService} wires them for {@code ripple replica} and {@code ripple up}.
 */
package dev.ripple.replica;
