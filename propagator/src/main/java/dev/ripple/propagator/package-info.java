/**
 * The propagator (DESIGN.md sections 1, 4, 5, 6.3, 6.4, 9): a Kafka Streams topology that reads every source
 * stream {@code ripple.stream.<stream>} and writes, per region, replication records to
 * {@code ripple.replicate.<region>} and purge requests to {@code ripple.purge.<region>}, co-partitioned with the
 * source, exactly once, in order per key; with watermarks so region positions advance past what a region is not
 * sent, a per-key version gate, write-after-read conflict checks, purge coalescing, the conit log and a
 * dead-letter topic.
 *
 * <ul>
 *   <li>{@link dev.ripple.propagator.RuleSet}: rules compiled once from a config snapshot, and evaluated
 *       against events;</li>
 *   <li>{@link dev.ripple.propagator.PropagatorTopology}: the topology as a pure function of an
 *       {@link dev.ripple.propagator.ActiveRuleSet} and {@link dev.ripple.propagator.TopologyOptions};</li>
 *   <li>{@link dev.ripple.propagator.Propagator}: the running component, which owns the {@code KafkaStreams},
 *       creates the topics it writes, and swaps in rule sets as the config changes.</li>
 * </ul>
 */
package dev.ripple.propagator;
