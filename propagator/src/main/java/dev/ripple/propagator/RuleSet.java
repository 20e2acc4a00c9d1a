package dev.ripple.propagator;

import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.RulePattern;
import dev.ripple.config.StreamDoc;
import dev.ripple.config.StreamDoc.ConflictPolicy;
import dev.ripple.events.Dependency;
import dev.ripple.events.EditEvent;
import dev.ripple.events.RuleRef;
import dev.ripple.propagator.internal.CompiledRule;
import dev.ripple.propagator.internal.ConitMatcher;
import dev.ripple.propagator.internal.RuleCompiler;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.SortedSet;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * The rules, regions, streams' conflict policies and conits of one config revision, compiled once: the version
 * that every event is evaluated against as a whole, and that every record it produces names ({@link RuleRef}).
 * Immutable and thread-safe; {@link #route} is cheap enough for every event.
 *
 * <p>A rule that names a region or stream the config does not have matches nothing there (the config's
 * {@code check} reports it); {@code "*"} means every region of this version.
 */
public final class RuleSet {
    private final long version;
    private final long epoch;
    private final List<CompiledRule> rules;
    private final SortedSet<String> regions;
    private final Map<String, ConflictPolicy> policies;
    private final List<ConitMatcher> conits;
    private final Map<String, StreamDoc.Dependencies> dependencies;
    private final Map<String, RulePattern> usesFromTags;

    private RuleSet(long version, long epoch, List<CompiledRule> rules, SortedSet<String> regions,
            Map<String, ConflictPolicy> policies, List<ConitMatcher> conits,
            Map<String, StreamDoc.Dependencies> dependencies) {
        this.version = version;
        this.epoch = epoch;
        this.rules = List.copyOf(rules);
        this.regions = Collections.unmodifiableSortedSet(new TreeSet<>(regions));
        this.policies = Map.copyOf(policies);
        this.conits = List.copyOf(conits);
        this.dependencies = Map.copyOf(dependencies);
        Map<String, RulePattern> patterns = new HashMap<>();
        dependencies.forEach((stream, tracking) -> {
            if (tracking.usesFromTags() != null) {
                patterns.put(stream, RulePattern.compile(tracking.usesFromTags()));
            }
        });
        this.usesFromTags = Map.copyOf(patterns);
    }

    /**
     * Compiles the rules and conits of {@code snapshot}; its revision becomes the version.
     *
     * @throws InvalidRuleSetException listing every problem, each naming its rule and field
     */
    public static RuleSet compile(ConfigSnapshot snapshot) {
        RuleCompiler.Compiled compiled = RuleCompiler.compile(snapshot);
        if (!compiled.problems().isEmpty()) {
            throw new InvalidRuleSetException(snapshot.revision(), compiled.problems());
        }
        Map<String, ConflictPolicy> policies = new HashMap<>();
        Map<String, StreamDoc.Dependencies> dependencies = new HashMap<>();
        for (StreamDoc stream : snapshot.streams().values()) {
            policies.put(stream.name(), stream.conflictPolicy());
            if (stream.dependencies() != null) {
                dependencies.put(stream.name(), stream.dependencies());
            }
        }
        long epoch = snapshot.currentEpoch();
        return new RuleSet(snapshot.revision(), epoch, compiled.rules(), new TreeSet<>(snapshot.regions().keySet()),
                policies, compiled.conits(), dependencies);
    }

    /** The config revision it was compiled from; recorded on every record it routes. */
    public long version() {
        return version;
    }

    /** The cluster epoch of that revision (0 when the config has none): the epoch of an absent dependency. */
    public long epoch() {
        return epoch;
    }

    /** Every configured region, sorted; each gets records or watermarks for every source record. */
    public SortedSet<String> regions() {
        return regions;
    }

    /** Whether the config of this version has {@code stream} (so its topics, the latest-state one too, exist). */
    public boolean hasStream(String stream) {
        return policies.containsKey(stream);
    }

    /** How {@code stream} takes part in dependency tracking (DESIGN.md 14); null when it does not. */
    public StreamDoc.Dependencies dependencies(String stream) {
        return dependencies.get(stream);
    }

    /** Whether any stream carries dependencies. */
    public boolean tracksDependencies() {
        return !dependencies.isEmpty();
    }

    /**
     * What an event of {@code stream} that does not say {@code uses} uses, by the stream's {@code uses_from_tags}:
     * each tag the pattern finds, as its group {@code key} or whole; null when the stream has no such rule.
     */
    public List<Dependency> usesFromTags(String stream, List<String> tags) {
        RulePattern pattern = usesFromTags.get(stream);
        if (pattern == null) {
            return null;
        }
        List<Dependency> uses = new ArrayList<>(0);
        Map<String, String> captures = new HashMap<>(2);
        for (String tag : tags) {
            captures.clear();
            if (pattern.find(tag, captures)) {
                uses.add(new Dependency(captures.getOrDefault("key", tag), null));
            }
        }
        return uses;
    }

    /** The rule names, sorted. */
    public List<String> ruleNames() {
        return rules.stream().map(CompiledRule::name).toList();
    }

    /** What a write-after-read conflict does in {@code stream}: its policy, {@code reject} by default. */
    public ConflictPolicy conflictPolicy(String stream) {
        return policies.getOrDefault(stream, ConflictPolicy.REJECT);
    }

    /**
     * Evaluates every rule against {@code event} of {@code stream}.
     *
     * @throws TemplateException if a matching rule's purge template has no value for a placeholder
     */
    public Routing route(EditEvent event, String stream) {
        Map<String, RuleRef> replicate = new TreeMap<>();
        List<PurgePlan> purges = new ArrayList<>(1);
        for (CompiledRule rule : rules) {
            Map<String, String> captures = rule.match(event, stream);
            if (captures == null) {
                continue;
            }
            RuleRef ref = new RuleRef(rule.name(), version);
            for (String region : regions) {
                if (rule.replicatesTo(region)) {
                    replicate.putIfAbsent(region, ref);
                }
            }
            if (rule.purges()) {
                purges.add(rule.purge(event, captures, ref));
            }
        }
        return new Routing(replicate, purges, conitsOf(event.key()));
    }

    /** The conits whose keys include {@code key}, by name. */
    public List<String> conitsOf(String key) {
        List<String> names = new ArrayList<>(0);
        for (ConitMatcher conit : conits) {
            if (conit.covers(key)) {
                names.add(conit.name());
            }
        }
        return names;
    }

    @Override
    public String toString() {
        return "RuleSet[version " + version + ", rules " + ruleNames() + ", regions " + regions + "]";
    }
}
