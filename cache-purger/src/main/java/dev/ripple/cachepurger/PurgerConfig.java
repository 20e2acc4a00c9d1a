package dev.ripple.cachepurger;

import static dev.ripple.runtime.Checks.require;

import dev.ripple.events.TopicNames;
import dev.ripple.runtime.Checks;
import dev.ripple.runtime.http.TargetPolicy;
import dev.ripple.runtime.kafka.ConsumerGroups;
import java.net.URI;
import java.util.Collections;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import java.util.TreeMap;

/**
 * What one region's {@link CachePurger} connects to and how it behaves. The purge targets themselves are config
 * documents ({@code /ripple/purge-targets/<region>/<name>}), followed live. Immutable.
 *
 * @param region the region whose topic {@code ripple.purge.<region>} is read
 * @param bootstrapServers Kafka bootstrap servers
 * @param topics topic naming
 * @param groupId the consumer group; default {@code ripple-purger-<region>}
 * @param partitions partitions of every stream topic (the cluster-wide count, DESIGN.md section 4), used when the
 *     purger creates its topic before the propagator has
 * @param defaultRedisUri the Redis of redis targets whose document and region name none; may be null
 * @param limits bounds on work in flight, batches and intervals
 * @param policies retry and circuit-breaker configs by name: {@value TargetPolicy#DEFAULT}, and optionally one per
 *     target name
 * @param kafkaOverrides extra Kafka client properties (security, timeouts), applied before Ripple's own
 */
public record PurgerConfig(String region, String bootstrapServers, TopicNames topics, String groupId,
        int partitions, URI defaultRedisUri, PurgerLimits limits, Map<String, TargetPolicy> policies,
        Map<String, Object> kafkaOverrides) {

    public PurgerConfig {
        TopicNames.requireName("region", region);
        Objects.requireNonNull(bootstrapServers, "bootstrapServers");
        Objects.requireNonNull(topics, "topics");
        Objects.requireNonNull(groupId, "groupId");
        Objects.requireNonNull(limits, "limits");
        require(!bootstrapServers.isBlank(), "bootstrap_servers", "''", "must name at least one broker");
        Checks.range(partitions, "partitions", 1, 10_000);
        if (defaultRedisUri != null) {
            require(("redis".equals(defaultRedisUri.getScheme()) || "rediss".equals(defaultRedisUri.getScheme()))
                    && defaultRedisUri.getHost() != null, "default_redis_uri", defaultRedisUri,
                    "must be a redis:// or rediss:// URL with a host");
        }
        policies = Collections.unmodifiableSortedMap(new TreeMap<>(Objects.requireNonNull(policies, "policies")));
        require(policies.containsKey(TargetPolicy.DEFAULT), "policies", policies.keySet(),
                "must hold a '" + TargetPolicy.DEFAULT + "' policy");
        kafkaOverrides = Collections.unmodifiableMap(new HashMap<>(Objects.requireNonNull(kafkaOverrides,
                "kafkaOverrides")));
    }

    /** The defaults for {@code region}: group {@code ripple-purger-<region>}, 6 partitions, default limits. */
    public static PurgerConfig defaults(String region, String bootstrapServers) {
        return new PurgerConfig(region, bootstrapServers, TopicNames.defaults(),
                ConsumerGroups.defaults().purger(region), 6, null,
                PurgerLimits.defaults(), Map.of(TargetPolicy.DEFAULT, TargetPolicy.defaults()), Map.of());
    }

    /** The policy of the target named {@code target}: its own, else {@value TargetPolicy#DEFAULT}. */
    public TargetPolicy policyFor(String target) {
        return policies.getOrDefault(target, policies.get(TargetPolicy.DEFAULT));
    }

    /** The consumer name in dead-letter topics and records: {@code purger.<region>}. */
    public String consumerName() {
        return "purger." + region;
    }

    public PurgerConfig withDefaultRedisUri(URI uri) {
        return new PurgerConfig(region, bootstrapServers, topics, groupId, partitions, uri, limits, policies,
                kafkaOverrides);
    }

    public PurgerConfig withLimits(PurgerLimits newLimits) {
        return new PurgerConfig(region, bootstrapServers, topics, groupId, partitions, defaultRedisUri, newLimits,
                policies, kafkaOverrides);
    }

    /** This config with {@code policy} under {@code name} (replacing one of that name). */
    public PurgerConfig withPolicy(String name, TargetPolicy policy) {
        Map<String, TargetPolicy> more = new TreeMap<>(policies);
        more.put(Objects.requireNonNull(name, "name"), Objects.requireNonNull(policy, "policy"));
        return new PurgerConfig(region, bootstrapServers, topics, groupId, partitions, defaultRedisUri, limits, more,
                kafkaOverrides);
    }

    public PurgerConfig withGroupId(String newGroupId) {
        return new PurgerConfig(region, bootstrapServers, topics, newGroupId, partitions, defaultRedisUri, limits,
                policies, kafkaOverrides);
    }

    public PurgerConfig withTopics(TopicNames newTopics) {
        return new PurgerConfig(region, bootstrapServers, newTopics, groupId, partitions, defaultRedisUri, limits,
                policies, kafkaOverrides);
    }

    public PurgerConfig withPartitions(int newPartitions) {
        return new PurgerConfig(region, bootstrapServers, topics, groupId, newPartitions, defaultRedisUri, limits,
                policies, kafkaOverrides);
    }

    public PurgerConfig withKafkaOverrides(Map<String, Object> overrides) {
        return new PurgerConfig(region, bootstrapServers, topics, groupId, partitions, defaultRedisUri, limits,
                policies, overrides);
    }
}
