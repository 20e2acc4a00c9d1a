/**
 * Dependency tracking on the real pipeline (issue 24), shared by {@code ripple bench fanout} and the fan-out IT:
 * a stream that carries dependencies ({@link FanoutPlan}), declarations loaded straight into its topic, an edit of
 * the key they use, direct edits timed from publish until applied in a region's replica while the fan-out drains
 * ({@link DirectProbe}), and a census of the derived invalidations on every region's topic
 * ({@link InvalidationCensus}). {@link FanoutRig} drives a running stack through them.
 */
package dev.ripple.bench.deps;
