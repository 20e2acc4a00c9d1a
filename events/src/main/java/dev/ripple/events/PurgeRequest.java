package dev.ripple.events;

import java.util.List;
import java.util.Objects;

/**
 * Caches to purge in a region because of one edit (DESIGN.md section 8).
 *
 * @param key the edited resource's key (also the Kafka key, so one key's purges stay in order)
 * @param keys cache keys to delete
 * @param urls URLs to send {@code PURGE} for, tier by tier
 * @param tags cache tags whose members to delete
 * @param revision the edit's revision, for purge tombstones that refuse stale fills; may be null
 * @param source where the edit sits in the source log
 * @param rule the rule whose templates produced this request
 * @param trace hop times so far
 */
public record PurgeRequest(String key, List<String> keys, List<String> urls, List<String> tags, Long revision,
        SourcePosition source, RuleRef rule, Trace trace) implements PurgeRecord {
    public PurgeRequest {
        Objects.requireNonNull(key, "key");
        keys = List.copyOf(Objects.requireNonNull(keys, "keys"));
        urls = List.copyOf(Objects.requireNonNull(urls, "urls"));
        tags = List.copyOf(Objects.requireNonNull(tags, "tags"));
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(trace, "trace");
        if (keys.isEmpty() && urls.isEmpty() && tags.isEmpty()) {
            throw new IllegalArgumentException("A purge request for '" + key + "' must name a key, URL or tag");
        }
    }
}
