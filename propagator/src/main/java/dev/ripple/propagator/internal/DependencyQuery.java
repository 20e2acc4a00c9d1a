package dev.ripple.propagator.internal;

import dev.ripple.events.Dependency;
import dev.ripple.propagator.DependencyLookup;
import dev.ripple.propagator.DependencyView;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Bytes;
import org.apache.kafka.common.utils.Utils;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.KeyQueryMetadata;
import org.apache.kafka.streams.KeyValue;
import org.apache.kafka.streams.StoreQueryParameters;
import org.apache.kafka.streams.errors.InvalidStateStoreException;
import org.apache.kafka.streams.state.HostInfo;
import org.apache.kafka.streams.state.KeyValueIterator;
import org.apache.kafka.streams.state.QueryableStoreTypes;
import org.apache.kafka.streams.state.ReadOnlyKeyValueStore;

/**
 * Interactive queries of the dependency stores (DESIGN.md 14): a key's declaration, dependents and fan-out all live
 * in its partition, so one instance answers all three, or names the instance that can ({@code application.server}).
 * Thread-safe: Streams' read-only stores may be read from any thread.
 */
final class DependencyQuery {
    private static final Serializer<String> KEYS = new StringSerializer();

    private final Supplier<KafkaStreams> streams;
    private final HostInfo self;
    private final int partitions;

    /**
     * @param streams the running Streams, or null before start
     * @param self this instance's {@code application.server}, or null when it advertises none
     * @param partitions the partition count of the source topics and {@code ripple.deps}
     */
    DependencyQuery(Supplier<KafkaStreams> streams, HostInfo self, int partitions) {
        this.streams = streams;
        this.self = self;
        this.partitions = partitions;
    }

    DependencyLookup lookup(String key, int sample) {
        KafkaStreams running = streams.get();
        if (running == null) {
            return new DependencyLookup.Unavailable("the propagator has not started");
        }
        KeyQueryMetadata where;
        try {
            where = running.queryMetadataForKey(TopologyNames.DEPS_COUNTS_STORE, key, KEYS);
        } catch (RuntimeException e) { // not running or rebalancing yet, or shutting down
            return new DependencyLookup.Unavailable("the propagator is " + running.state() + ": " + e.getMessage());
        }
        boolean known = where != null && !where.equals(KeyQueryMetadata.NOT_AVAILABLE);
        if (!known && self != null) {
            return new DependencyLookup.Unavailable("its tasks are being assigned (a rebalance); retry in a few "
                    + "seconds");
        }
        // without an application.server, Streams shares no host metadata (so none is ever available): the key's
        // partition is the default partitioner's, as ripple.deps and the producers' records are partitioned
        int partition = known ? where.partition() : Utils.toPositive(Utils.murmur2(KEYS.serialize(null, key)))
                % partitions;
        HostInfo owner = known ? where.activeHost() : null;
        boolean ownerKnown = owner != null && owner.port() > 0;
        if (ownerKnown && !owner.equals(self)) {
            return new DependencyLookup.Elsewhere(owner.host() + ":" + owner.port(), partition);
        }
        try {
            return new DependencyLookup.Found(read(running, key, partition, sample));
        } catch (InvalidStateStoreException e) {
            return new DependencyLookup.Unavailable("partition " + partition + " of the dependency stores is not "
                    + "active here (" + e.getMessage() + ")" + (self == null ? "; this instance advertises no "
                    + "application.server, so it cannot name the instance that owns it" : ""));
        }
    }

    private static DependencyView read(KafkaStreams streams, String key, int partition, int sample) {
        ReadOnlyKeyValueStore<String, Declaration> declared = store(streams, TopologyNames.DEPS_DECLARED_STORE,
                partition);
        ReadOnlyKeyValueStore<Bytes, IndexEntry> index = store(streams, TopologyNames.DEPS_INDEX_STORE, partition);
        ReadOnlyKeyValueStore<String, Long> counts = store(streams, TopologyNames.DEPS_COUNTS_STORE, partition);
        ReadOnlyKeyValueStore<String, Fanout> fanouts = store(streams, TopologyNames.DEPS_FANOUTS_STORE, partition);
        Declaration declaration = declared.get(key);
        Long count = counts.get(key);
        List<DependencyView.Dependent> dependents = new ArrayList<>();
        if (sample > 0) {
            try (KeyValueIterator<Bytes, IndexEntry> entries = index.range(DependencyKeys.walkFrom(key, null),
                    DependencyKeys.walkTo(key))) {
                while (dependents.size() < sample && entries.hasNext()) {
                    KeyValue<Bytes, IndexEntry> entry = entries.next();
                    dependents.add(new DependencyView.Dependent(DependencyKeys.dependentOf(entry.key),
                            entry.value.stream(), entry.value.parts()));
                }
            }
        }
        Fanout fanout = fanouts.get(key);
        List<Dependency> uses = declaration == null ? List.of() : declaration.uses();
        return new DependencyView(key, partition, declaration == null ? null : declaration.stream(), uses,
                count == null ? 0 : count, dependents, fanout == null ? null : new DependencyView.Fanout(
                        fanout.walked(), fanout.total(), fanout.changedParts(), fanout.root(), fanout.triggeredBy(),
                        fanout.depth()));
    }

    private static <K, V> ReadOnlyKeyValueStore<K, V> store(KafkaStreams streams, String name, int partition) {
        return streams.store(StoreQueryParameters.fromNameAndType(name, QueryableStoreTypes.<K, V>keyValueStore())
                .withPartition(partition));
    }
}
