/**
 * The Kafka consume loop of Ripple's services, written once: one thread owns the consumer, polls, hands each record
 * to a part-specific {@link dev.ripple.runtime.consume.LoopStep}, commits per partition only the prefix of records
 * whose work is done, pauses and resumes partitions, drains on revoke and on stop, and fails by throwing from
 * {@link dev.ripple.runtime.consume.ConsumeLoop#run}. The replica's applier and the cache purger run on it.
 */
package dev.ripple.runtime.consume;
