package dev.ripple.propagator;

import dev.ripple.propagator.internal.RouteProcessorSupplier;
import dev.ripple.propagator.internal.RoutedSinks;
import dev.ripple.propagator.internal.TopologyNames;
import java.util.regex.Pattern;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.streams.AutoOffsetReset;
import org.apache.kafka.streams.Topology;

/**
 * The propagator's topology, as a pure function: building it starts nothing and touches no broker.
 *
 * <pre>
 * source-streams  (every topic matching ripple.stream.*, from the earliest offset; value bytes, so an unreadable
 *       │          event is dead-lettered rather than failing the task)
 *       │   source-derived (ripple.derived: derived events, routed as their streams' are)
 *       │   source-deps    (ripple.deps: dependency declarations and invalidation requests)
 *     route       (stores key-versions with the positions, purge-buffer, deps-*; punctuator every watermarkInterval)
 *    ┌──┴───────────────┐
 * region-topics     side-topics
 * ripple.replicate.*  ripple.conit-log, ripple.dlq.propagator, ripple.dlq.conflicts
 * ripple.purge.*      ripple.deps, ripple.derived (partitioned by key)
 * ripple.latest.*
 * (partition = source partition)
 * </pre>
 *
 * <p>Sinks pick their topic per record, so a region added to the config receives records from the next event on
 * without a rebuild; its topics must exist first ({@link Propagator} creates them before the rule set that names
 * the region is swapped in).
 */
public final class PropagatorTopology {
    private PropagatorTopology() {}

    /**
     * @param rules the rule set in force, read once per event; swap it to reload
     * @param options topics, intervals, limits, clock and metrics
     */
    public static Topology build(ActiveRuleSet rules, TopologyOptions options) {
        Pattern streams = Pattern.compile(Pattern.quote(options.topics().prefix() + ".stream.")
                + "[a-z0-9][a-z0-9_-]{0,63}");
        Topology topology = new Topology();
        topology.addSource(AutoOffsetReset.earliest(), TopologyNames.SOURCE, new StringDeserializer(),
                new ByteArrayDeserializer(), streams);
        topology.addSource(AutoOffsetReset.earliest(), TopologyNames.DERIVED_SOURCE, new StringDeserializer(),
                new ByteArrayDeserializer(), options.topics().derived());
        topology.addSource(AutoOffsetReset.earliest(), TopologyNames.DEPS_SOURCE, new StringDeserializer(),
                new ByteArrayDeserializer(), options.topics().deps());
        topology.addProcessor(TopologyNames.PROCESSOR, new RouteProcessorSupplier(rules, options),
                TopologyNames.SOURCE, TopologyNames.DERIVED_SOURCE, TopologyNames.DEPS_SOURCE);
        topology.addSink(TopologyNames.REGION_SINK, RoutedSinks.topic(), new StringSerializer(),
                RoutedSinks.serializer(), RoutedSinks.coPartitioner(), TopologyNames.PROCESSOR);
        topology.addSink(TopologyNames.SIDE_SINK, RoutedSinks.topic(), new StringSerializer(),
                RoutedSinks.serializer(), RoutedSinks.coPartitioner(), TopologyNames.PROCESSOR);
        return topology;
    }
}
