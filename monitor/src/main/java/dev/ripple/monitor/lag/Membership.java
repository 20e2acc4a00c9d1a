package dev.ripple.monitor.lag;

/**
 * What a consumer group's members are doing at one sample, from Kafka's description of the group
 * ({@code Admin.describeConsumerGroups}). The status rules ({@link LagRules}) act on it at once, without waiting for
 * a window: a group that lost its last member, or that is moving partitions, stops consuming now.
 */
public enum Membership {
    /** Members own the partitions (Kafka's {@code Stable}). */
    STABLE,
    /**
     * Partitions are being handed between members ({@code PreparingRebalance}, {@code CompletingRebalance}; under the
     * consumer protocol {@code Assigning}, {@code Reconciling}): a member joined, left or was expired. Kafka lists
     * no owners meanwhile.
     */
    REBALANCING,
    /**
     * No member at all ({@code Empty}, {@code Dead}): the last one left, or the broker expired its session (a killed
     * member is expired after {@code session.timeout.ms}, 6 s with Ripple's clients).
     */
    EMPTY,
    /** The group could not be described, or Kafka reports a state this monitor does not know. */
    UNKNOWN
}
