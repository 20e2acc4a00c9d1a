package dev.ripple.propagator.internal;

import dev.ripple.events.JsonSerde;
import dev.ripple.propagator.ActiveRuleSet;
import dev.ripple.propagator.TopologyOptions;
import java.util.Set;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorSupplier;
import org.apache.kafka.streams.state.StoreBuilder;
import org.apache.kafka.streams.state.Stores;

/**
 * Makes the {@link RouteProcessor} of each task, with its stores: every store has a changelog, so state moves
 * with the task and is restored exactly once; the version gate's store, which also holds the task's positions
 * ({@link StoredPositions}), is cached, so a hot key or a busy partition writes its changelog once per commit
 * rather than once per event.
 */
public final class RouteProcessorSupplier implements ProcessorSupplier<String, byte[], String, Routed> {
    private final ActiveRuleSet rules;
    private final TopologyOptions options;
    /** One per topology, so per propagator: the back pressure its tasks share. */
    private final FanoutPacer pacer = new FanoutPacer();

    public RouteProcessorSupplier(ActiveRuleSet rules, TopologyOptions options) {
        this.rules = rules;
        this.options = options;
    }

    @Override
    public Processor<String, byte[], String, Routed> get() {
        return new RouteProcessor(rules, options, pacer);
    }

    @Override
    public Set<StoreBuilder<?>> stores() {
        return Set.of(
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TopologyNames.VERSIONS_STORE),
                        Serdes.String(), KeyVersion.serde()).withCachingEnabled(),
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(TopologyNames.PROGRESS_STORE),
                        Serdes.String(), SourcePositionSerde.serde()).withCachingEnabled(),
                Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(TopologyNames.PURGE_BUFFER_STORE),
                        Serdes.String(), JsonSerde.of(PendingPurge.class)),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TopologyNames.DEPS_DECLARED_STORE),
                        Serdes.String(), JsonSerde.of(Declaration.class)),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TopologyNames.DEPS_INDEX_STORE),
                        Serdes.Bytes(), JsonSerde.of(IndexEntry.class)),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TopologyNames.DEPS_COUNTS_STORE),
                        Serdes.String(), Serdes.Long()).withCachingEnabled(),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TopologyNames.DEPS_FANOUTS_STORE),
                        Serdes.String(), JsonSerde.of(Fanout.class)).withCachingEnabled(),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TopologyNames.DEPS_PENDING_STORE),
                        Serdes.String(), JsonSerde.of(PendingInvalidation.class)),
                Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(TopologyNames.DEPS_DUE_STORE),
                        Serdes.Bytes(), Serdes.ByteArray()));
    }
}
