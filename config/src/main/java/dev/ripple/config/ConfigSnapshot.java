package dev.ripple.config;

import java.time.Instant;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.function.Function;

/**
 * Every valid document of the config store as of one revision, by kind and name. Immutable; maps are sorted by
 * name.
 *
 * @param revision the store revision this snapshot reflects
 * @param purgeTargets keyed {@code <region>/<name>}; see {@link #purgeTargets(String)}
 * @param epoch the epoch document, or null if there is none
 */
public record ConfigSnapshot(long revision, Map<String, StreamDoc> streams, Map<String, RuleDoc> rules,
        Map<String, RegionDoc> regions, Map<String, ConitDoc> conits, Map<String, PurgeTargetDoc> purgeTargets,
        Map<String, ProducerDoc> producers, EpochDoc epoch) {

    /** The snapshot of an empty store. */
    public static final ConfigSnapshot EMPTY = of(0, List.of());

    public ConfigSnapshot {
        streams = sorted(streams);
        rules = sorted(rules);
        regions = sorted(regions);
        conits = sorted(conits);
        purgeTargets = sorted(purgeTargets);
        producers = sorted(producers);
    }

    /** The snapshot holding {@code documents} (one per key). */
    public static ConfigSnapshot of(long revision, Collection<? extends ConfigDocument> documents) {
        EpochDoc epoch = null;
        for (ConfigDocument doc : documents) {
            if (doc instanceof EpochDoc e) {
                epoch = e;
            }
        }
        return new ConfigSnapshot(revision, index(documents, StreamDoc.class, StreamDoc::name),
                index(documents, RuleDoc.class, RuleDoc::name), index(documents, RegionDoc.class, RegionDoc::name),
                index(documents, ConitDoc.class, ConitDoc::name),
                index(documents, PurgeTargetDoc.class, t -> t.region() + "/" + t.name()),
                index(documents, ProducerDoc.class, ProducerDoc::id), epoch);
    }

    /** The epoch in force: {@link #epoch()}'s number, 0 when the store has none. */
    public long currentEpoch() {
        return epoch == null ? 0 : epoch.epoch();
    }

    /** One region's purge targets, by name. */
    public List<PurgeTargetDoc> purgeTargets(String region) {
        return purgeTargets.values().stream().filter(t -> t.region().equals(region)).toList();
    }

    /** Every document, in key order within each kind. */
    public List<ConfigDocument> documents() {
        List<ConfigDocument> all = new ArrayList<>();
        all.addAll(streams.values());
        all.addAll(rules.values());
        all.addAll(regions.values());
        all.addAll(conits.values());
        all.addAll(purgeTargets.values());
        all.addAll(producers.values());
        if (epoch != null) {
            all.add(epoch);
        }
        return all;
    }

    /**
     * Documents that name a stream or region this snapshot does not have: rules (streams, replicate regions),
     * purge targets (region) and producers (streams). They stay in force; the unknown names match nothing.
     */
    public List<ConfigProblem> danglingReferences(Instant now) {
        List<ConfigProblem> found = new ArrayList<>();
        for (RuleDoc rule : rules.values()) {
            List<Problem> problems = new ArrayList<>();
            unknown(rule.streams(), streams, "streams", "stream", problems);
            if (rule.replicate() != null) {
                unknown(rule.replicate().regions(), regions, "replicate.regions", "region", problems);
            }
            add(found, rule, problems, now);
        }
        for (PurgeTargetDoc target : purgeTargets.values()) {
            List<Problem> problems = new ArrayList<>();
            unknown(List.of(target.region()), regions, "region", "region", problems);
            add(found, target, problems, now);
        }
        for (ProducerDoc producer : producers.values()) {
            List<Problem> problems = new ArrayList<>();
            unknown(producer.streams(), streams, "streams", "stream", problems);
            add(found, producer, problems, now);
        }
        return found;
    }

    private static void unknown(List<String> names, Map<String, ?> known, String field, String what,
            List<Problem> problems) {
        for (String name : names) {
            if (!"*".equals(name) && !known.containsKey(name)) {
                problems.add(new Problem(field, "no " + what + " '" + name + "' in the config; known: "
                        + known.keySet()));
            }
        }
    }

    private static void add(List<ConfigProblem> found, ConfigDocument doc, List<Problem> problems, Instant now) {
        if (!problems.isEmpty()) {
            found.add(new ConfigProblem(doc.key(), 0, problems, null, now));
        }
    }

    private static <T> Map<String, T> index(Collection<? extends ConfigDocument> documents, Class<T> type,
            Function<T, String> name) {
        Map<String, T> map = new TreeMap<>();
        documents.stream().filter(type::isInstance).map(type::cast).forEach(d -> map.put(name.apply(d), d));
        return map;
    }

    private static <T> Map<String, T> sorted(Map<String, T> map) {
        return Collections.unmodifiableSortedMap(new TreeMap<>(map == null ? Map.of() : map));
    }
}
