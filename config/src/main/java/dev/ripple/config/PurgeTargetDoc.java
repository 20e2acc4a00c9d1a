package dev.ripple.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.net.URI;
import java.util.List;

/**
 * Where a region's purges go ({@code /ripple/purge-targets/<region>/<name>}, DESIGN.md 8).
 *
 * @param region the region it belongs to
 * @param name target name, unique within the region
 * @param type {@code redis} or {@code http}
 * @param redisUri for redis: the cache's Redis, or null for the region's; must be null for http
 * @param tombstoneMs for redis: how long a purge tombstone refuses stale fills, in ms; default 60000
 * @param tiers for http: the tiers purged in order, each fully acknowledged before the next starts
 * @param timeoutMs timeout of one purge call, in ms; default 2000
 * @param maxConcurrent bulkhead: most purge calls in flight; default 16
 * @param ratePerSecond rate limit of purge calls, or null for none
 */
public record PurgeTargetDoc(String region, String name, Type type, URI redisUri, Long tombstoneMs,
        List<Tier> tiers, Long timeoutMs, Integer maxConcurrent, Double ratePerSecond) implements ConfigDocument {

    /** The kind of cache purged. */
    public enum Type {
        REDIS, HTTP;

        @JsonValue
        public String json() {
            return name().toLowerCase(java.util.Locale.ROOT);
        }

        @JsonCreator
        static Type of(String json) {
            for (Type t : values()) {
                if (t.json().equals(json)) {
                    return t;
                }
            }
            throw new IllegalArgumentException("must be one of redis, http");
        }
    }

    /** @param name tier name, e.g. {@code frontend}; @param nodes the nodes that each get a {@code PURGE} */
    public record Tier(String name, List<URI> nodes) {
        public Tier {
            nodes = Validation.copyOrEmpty(nodes);
        }
    }

    public PurgeTargetDoc {
        tiers = Validation.copyOrEmpty(tiers);
        timeoutMs = timeoutMs == null ? 2_000L : timeoutMs;
        maxConcurrent = maxConcurrent == null ? 16 : maxConcurrent;
        Validation v = new Validation();
        v.name(region, "region");
        v.name(name, "name");
        if (v.required(type, "type") && type == Type.REDIS) {
            tombstoneMs = tombstoneMs == null ? 60_000L : tombstoneMs;
            v.uri(redisUri, "redis_uri", "redis", "rediss");
            v.range(tombstoneMs, "tombstone_ms", 1, 86_400_000);
            if (!tiers.isEmpty()) {
                v.add("tiers", "only http targets have tiers");
            }
        } else if (type == Type.HTTP) {
            if (redisUri != null || tombstoneMs != null) {
                v.add(redisUri != null ? "redis_uri" : "tombstone_ms", "only redis targets have it");
            }
            if (tiers.isEmpty()) {
                v.add("tiers", "an http target needs at least one tier of nodes");
            }
            for (int i = 0; i < tiers.size(); i++) {
                Tier tier = tiers.get(i);
                if (!v.required(tier, "tiers[" + i + "]")) {
                    continue;
                }
                v.name(tier.name(), "tiers[" + i + "].name");
                if (tier.nodes().isEmpty()) {
                    v.add("tiers[" + i + "].nodes", "must not be empty");
                }
                v.uris(tier.nodes(), "tiers[" + i + "].nodes", "http", "https");
            }
        }
        v.range(timeoutMs, "timeout_ms", 1, 60_000);
        v.range(maxConcurrent, "max_concurrent", 1, 1024);
        v.range(ratePerSecond, "rate_per_second", Double.MIN_VALUE, 1_000_000);
        v.throwIfAny();
    }

    @Override
    public DocumentKind kind() {
        return DocumentKind.PURGE_TARGET;
    }

    @Override
    public String key() {
        return ConfigKeys.purgeTarget(region, name);
    }
}
