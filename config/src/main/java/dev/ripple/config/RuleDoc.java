package dev.ripple.config;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A propagation rule ({@code /ripple/rules/<name>}, DESIGN.md 9): which events of which streams it matches, which
 * regions it replicates them to and what it purges. Kept as data here; the propagator compiles it. Validated here
 * as far as data allows: required fields, field names, op names, regex syntax, template placeholders.
 *
 * @param name rule name
 * @param streams the streams whose events it sees; {@code ["*"]} for all
 * @param match conditions that must all hold, by event field ({@link #MATCH_FIELDS}); empty matches every event
 * @param matchNot conditions none of which may hold
 * @param replicate where matching events are replicated, or null for nowhere
 * @param purge what matching events purge, or null for nothing
 * @param coalesceMs window in which duplicate purges of a key are coalesced, in ms; default 0 (none)
 */
public record RuleDoc(String name, List<String> streams, Map<String, MatchCondition> match,
        Map<String, MatchCondition> matchNot, Replicate replicate, Purge purge, Long coalesceMs)
        implements ConfigDocument {

    /** The event fields a condition may test. */
    public static final Set<String> MATCH_FIELDS = Set.of("key", "op", "meta.stream", "meta.domain", "meta.uri",
            "meta.origin", "content_type", "tags");
    /** The values of an event's {@code op}. */
    public static final Set<String> OPS = Set.of("upsert", "delete", "invalidate");

    /** @param regions region names, or {@code ["*"]} for every region */
    public record Replicate(List<String> regions) {
        public Replicate {
            regions = Validation.copy(regions);
        }
    }

    /** Templates of what to purge; placeholders like {@code {key}} or {@code {title}} (a named regex group). */
    public record Purge(List<String> urls, List<String> keys, List<String> tags) {
        public Purge {
            urls = Validation.copyOrEmpty(urls);
            keys = Validation.copyOrEmpty(keys);
            tags = Validation.copyOrEmpty(tags);
        }
    }

    public RuleDoc {
        streams = Validation.copy(streams);
        match = immutable(match);
        matchNot = immutable(matchNot);
        coalesceMs = coalesceMs == null ? 0L : coalesceMs;
        Validation v = new Validation();
        v.name(name, "name");
        v.names(streams, "streams", true);
        Set<String> groups = RuleChecks.conditions(match, "match", v);
        RuleChecks.conditions(matchNot, "match_not", v);
        if (replicate == null && purge == null) {
            v.add("", "a rule must replicate, purge, or both");
        }
        if (replicate != null) {
            v.names(replicate.regions(), "replicate.regions", true);
        }
        if (purge != null) {
            RuleChecks.purge(purge, groups, v);
        }
        v.range(coalesceMs, "coalesce_ms", 0, 3_600_000);
        v.throwIfAny();
    }

    /** Whether the rule replicates to {@code region} ({@code "*"} covers all). */
    public boolean replicatesTo(String region) {
        return replicate != null && (replicate.regions().contains("*") || replicate.regions().contains(region));
    }

    /** Whether the rule applies to events of {@code stream}. */
    public boolean appliesTo(String stream) {
        return streams.contains("*") || streams.contains(stream);
    }

    @Override
    public DocumentKind kind() {
        return DocumentKind.RULE;
    }

    @Override
    public String key() {
        return ConfigKeys.rule(name);
    }

    private static Map<String, MatchCondition> immutable(Map<String, MatchCondition> map) {
        return map == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(map));
    }
}
