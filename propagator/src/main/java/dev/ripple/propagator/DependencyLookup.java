package dev.ripple.propagator;

/**
 * The answer of {@link Propagator#dependencies}: the key's {@link DependencyView} when this instance owns its
 * partition, else the instance that does, else why nobody can answer now.
 */
public sealed interface DependencyLookup {
    /** This instance owns the key's partition: what it holds. */
    record Found(DependencyView view) implements DependencyLookup {}

    /**
     * Another instance owns the key's partition.
     *
     * @param owner its advertised HTTP address, {@code host:port} (its {@code application.server})
     * @param partition the key's partition
     */
    record Elsewhere(String owner, int partition) implements DependencyLookup {}

    /** No instance can answer now (not started, a rebalance, state restoring); {@code reason} says which. */
    record Unavailable(String reason) implements DependencyLookup {}
}
