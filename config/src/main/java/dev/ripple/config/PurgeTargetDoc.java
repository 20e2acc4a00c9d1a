package dev.ripple.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;
import java.net.URI;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.regex.Pattern;

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
 * @param method for http: the request method sent to each node; default {@code PURGE}
 * @param headers for http: headers added to every request (not {@code Host}, {@code Connection},
 *     {@code Content-Length}, {@code Expect} or {@code Upgrade}); empty for none
 */
public record PurgeTargetDoc(String region, String name, Type type, URI redisUri, Long tombstoneMs,
        List<Tier> tiers, Long timeoutMs, Integer maxConcurrent, Double ratePerSecond, String method,
        Map<String, String> headers) implements ConfigDocument {

    /** An HTTP method token (RFC 9110 section 9.1). */
    private static final Pattern METHOD = Pattern.compile("[A-Za-z][A-Za-z0-9_-]{0,31}");
    /** A header field name (RFC 9110 section 5.1). */
    private static final Pattern HEADER = Pattern.compile("[!#$%&'*+.^_`|~0-9A-Za-z-]{1,64}");
    /** Headers the HTTP client sets itself. */
    private static final Set<String> RESTRICTED = Set.of("host", "connection", "content-length", "expect",
            "upgrade");

    /** The kind of cache purged. */
    public enum Type {
        REDIS, HTTP;

        @JsonValue
        public String json() {
            return name().toLowerCase(Locale.ROOT);
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

    /** A target with the defaults of every optional field. */
    public PurgeTargetDoc(String region, String name, Type type, URI redisUri, List<Tier> tiers) {
        this(region, name, type, redisUri, null, tiers, null, null, null, null, null);
    }

    public PurgeTargetDoc {
        tiers = Validation.copyOrEmpty(tiers);
        headers = headers == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(headers));
        timeoutMs = timeoutMs == null ? 2_000L : timeoutMs;
        maxConcurrent = maxConcurrent == null ? 16 : maxConcurrent;
        Validation v = new Validation();
        v.topicName(region, "region");
        v.name(name, "name");
        if (v.required(type, "type") && type == Type.REDIS) {
            tombstoneMs = tombstoneMs == null ? 60_000L : tombstoneMs;
            v.uri(redisUri, "redis_uri", "redis", "rediss");
            v.range(tombstoneMs, "tombstone_ms", 1, 86_400_000);
            if (!tiers.isEmpty()) {
                v.add("tiers", "only http targets have tiers");
            }
            if (method != null || !headers.isEmpty()) {
                v.add(method != null ? "method" : "headers", "only http targets have it");
            }
        } else if (type == Type.HTTP) {
            if (redisUri != null || tombstoneMs != null) {
                v.add(redisUri != null ? "redis_uri" : "tombstone_ms", "only redis targets have it");
            }
            method = method == null ? "PURGE" : method;
            if (!METHOD.matcher(method).matches()) {
                v.add("method", "'" + method + "' is not an HTTP method: use 1 to 32 letters, digits, '-' or '_'");
            }
            headers.forEach((header, value) -> {
                if (!HEADER.matcher(header).matches() || RESTRICTED.contains(header.toLowerCase(Locale.ROOT))) {
                    v.add("headers." + header, "is not a header this target may set");
                } else if (value == null || value.indexOf('\r') >= 0 || value.indexOf('\n') >= 0) {
                    v.add("headers." + header, "must be one line of text");
                }
            });
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
