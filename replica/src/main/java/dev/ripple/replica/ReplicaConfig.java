package dev.ripple.replica;

import dev.ripple.consistency.EpochSource;
import dev.ripple.events.TopicNames;
import dev.ripple.runtime.Checks;
import dev.ripple.runtime.kafka.ConsumerGroups;
import java.net.URI;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What one region's {@link ReplicaApplier} consumes, where it publishes, and its bounds. Immutable; change with the
 * {@code with…} methods.
 *
 * @param region the region, e.g. {@code eqiad}; it consumes {@code ripple.replicate.<region>}
 * @param bootstrapServers Kafka {@code bootstrap.servers}
 * @param topics topic naming
 * @param epoch the epoch in force ({@code /ripple/epoch}, followed live); positions are stored and published in it,
 *     and a bump starts the region's position afresh in the new epoch
 * @param partitions the cluster's source partition count: the region topic must have exactly this many
 * @param groupId the consumer group; one per region, {@code ripple-replica-<region>} by default
 *     ({@link ConsumerGroups#replica(String)}; the offsets of the former {@code ripple.replica.<region>} are
 *     carried over on the first start)
 * @param httpTargets the region's HTTP replica targets (DESIGN.md 7); empty for none
 * @param http how targets are called
 * @param limits the applier's bounds
 * @param kafkaOverrides further consumer and producer properties (TLS, SASL, …); may not turn auto-commit on
 * @param rebuild how a partition whose store lost its data (or a new region) is rebuilt
 */
public record ReplicaConfig(String region, String bootstrapServers, TopicNames topics, EpochSource epoch, int partitions,
        String groupId, List<URI> httpTargets, HttpTargetConfig http, ReplicaLimits limits,
        Map<String, String> kafkaOverrides, RebuildConfig rebuild) {

    public ReplicaConfig {
        Objects.requireNonNull(rebuild, "rebuild");
        TopicNames.requireName("region", region);
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(epoch, "epoch");
        Checks.range(partitions, "partitions", 1, 10_000);
        Objects.requireNonNull(groupId, "groupId");
        httpTargets = List.copyOf(Objects.requireNonNull(httpTargets, "httpTargets"));
        for (URI target : httpTargets) {
            if (!"http".equals(target.getScheme()) && !"https".equals(target.getScheme())) {
                throw Checks.invalid(target, "httpTargets", "must be http:// or https:// URIs");
            }
        }
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(limits, "limits");
        kafkaOverrides = Map.copyOf(Objects.requireNonNull(kafkaOverrides, "kafkaOverrides"));
        if ("true".equalsIgnoreCase(kafkaOverrides.get("enable.auto.commit"))) {
            throw Checks.invalid("true", "kafkaOverrides.enable.auto.commit",
                    "the applier commits offsets only after the apply is durable");
        }
    }

    /** Epoch 1 (the demo config's), 6 partitions (DESIGN.md's default), group {@code ripple-replica-<region>}. */
    public static ReplicaConfig defaults(String region, String bootstrapServers) {
        return new ReplicaConfig(region, bootstrapServers, TopicNames.defaults(), EpochSource.fixed(1), 6,
                ConsumerGroups.defaults().replica(region), List.of(), HttpTargetConfig.defaults(),
                ReplicaLimits.defaults(), Map.of(), RebuildConfig.defaults());
    }

    /** The topic this applier consumes. */
    public String regionTopic() {
        return topics.replicate(region);
    }

    /** With a fixed epoch. */
    public ReplicaConfig withEpoch(long fixed) {
        return withEpoch(EpochSource.fixed(fixed));
    }

    public ReplicaConfig withEpoch(EpochSource newEpoch) {
        return new ReplicaConfig(region, bootstrapServers, topics, newEpoch, partitions, groupId, httpTargets, http,
                limits, kafkaOverrides, rebuild);
    }

    public ReplicaConfig withPartitions(int count) {
        return new ReplicaConfig(region, bootstrapServers, topics, epoch, count, groupId, httpTargets, http, limits,
                kafkaOverrides, rebuild);
    }

    public ReplicaConfig withTopics(TopicNames names) {
        return new ReplicaConfig(region, bootstrapServers, names, epoch, partitions, groupId, httpTargets, http,
                limits, kafkaOverrides, rebuild);
    }

    public ReplicaConfig withGroupId(String group) {
        return new ReplicaConfig(region, bootstrapServers, topics, epoch, partitions, group, httpTargets, http,
                limits, kafkaOverrides, rebuild);
    }

    public ReplicaConfig withHttpTargets(List<URI> targets, HttpTargetConfig config) {
        return new ReplicaConfig(region, bootstrapServers, topics, epoch, partitions, groupId, targets, config,
                limits, kafkaOverrides, rebuild);
    }

    public ReplicaConfig withLimits(ReplicaLimits newLimits) {
        return new ReplicaConfig(region, bootstrapServers, topics, epoch, partitions, groupId, httpTargets, http,
                newLimits, kafkaOverrides, rebuild);
    }

    public ReplicaConfig withRebuild(RebuildConfig newRebuild) {
        return new ReplicaConfig(region, bootstrapServers, topics, epoch, partitions, groupId, httpTargets, http,
                limits, kafkaOverrides, newRebuild);
    }

    public ReplicaConfig withKafkaOverrides(Map<String, String> overrides) {
        return new ReplicaConfig(region, bootstrapServers, topics, epoch, partitions, groupId, httpTargets, http,
                limits, overrides, rebuild);
    }
}
