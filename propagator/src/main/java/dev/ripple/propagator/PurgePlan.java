package dev.ripple.propagator;

import dev.ripple.events.RuleRef;
import java.util.List;
import java.util.Objects;

/**
 * What one rule purges for one event, with its templates expanded; it becomes a purge request on every region's
 * purge topic (caches in any region may hold the resource, whatever the rule replicates).
 *
 * @param rule the rule and rule-set version
 * @param keys cache keys; may be empty
 * @param urls URLs to {@code PURGE}; may be empty
 * @param tags cache tags; may be empty
 * @param coalesceMs the rule's coalescing window in ms; 0 for none
 */
public record PurgePlan(RuleRef rule, List<String> keys, List<String> urls, List<String> tags, long coalesceMs) {
    public PurgePlan {
        Objects.requireNonNull(rule, "rule");
        keys = List.copyOf(keys);
        urls = List.copyOf(urls);
        tags = List.copyOf(tags);
        if (coalesceMs < 0) {
            throw new IllegalArgumentException("Invalid value " + coalesceMs + " for coalesceMs: must be >= 0");
        }
    }
}
