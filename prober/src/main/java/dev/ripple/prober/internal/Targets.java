package dev.ripple.prober.internal;

import dev.ripple.cachepurger.CacheClient;
import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.PurgeTargetDoc;
import dev.ripple.config.RegionDoc;
import dev.ripple.events.EditEvent;
import dev.ripple.propagator.InvalidRuleSetException;
import dev.ripple.propagator.PropagatorException;
import dev.ripple.propagator.PurgePlan;
import dev.ripple.propagator.Routing;
import dev.ripple.propagator.RuleSet;
import dev.ripple.prober.ProberConfig;
import dev.ripple.prober.ProberMetricNames;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Where a write must become visible, as the rules in force route it: the read API of every region it is replicated
 * to, and every purge target (purges go to every region) whose kind it names something for. Compiles the rules
 * once per config revision; keeps one Redis connection per cache. Thread-safe; close it to close the connections.
 */
public final class Targets implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(Targets.class);

    private static final int CACHE_THREADS = 2;

    private record Compiled(long revision, RuleSet rules) {}

    private final ProberConfig config;
    private final HttpClient http;
    private final Clock clock;
    private final Map<URI, CacheClient> caches = new HashMap<>();
    /**
     * The one blocking Redis read, a stale entry's purge tombstone, runs here, so that no look waits behind it
     * (entries are read asynchronously).
     */
    private final ExecutorService cacheReads = Executors.newFixedThreadPool(CACHE_THREADS, r -> {
        Thread t = new Thread(r, "ripple-probe-cache");
        t.setDaemon(true);
        return t;
    });
    private volatile Compiled compiled;

    public Targets(ProberConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.http = HttpClient.newBuilder().connectTimeout(config.readTimeout()).version(HttpClient.Version.HTTP_1_1)
                .build();
    }

    /**
     * What routing needs to know: the targets of {@code write}, and whether caches were left out because the write
     * has no revision to compare with.
     */
    public record Plan(List<Target> targets, boolean cachesSkipped) {}

    /**
     * The targets {@code event} of {@code stream} must reach under the rules of {@code snapshot}; a Redis cache connects at
     * its first check (a cache that cannot be reached fails its checks, it does not stop the plan).
     */
    public Plan of(ConfigSnapshot snapshot, String stream, EditEvent event) {
        RuleSet rules = rules(snapshot);
        if (rules == null || !rules.hasStream(stream)) {
            return new Plan(List.of(), false);
        }
        Routing routing;
        try {
            routing = rules.route(event, stream);
        } catch (PropagatorException e) {
            return new Plan(List.of(), false); // a template that fails here fails in the propagator: dead-lettered
        }
        List<Target> targets = new ArrayList<>();
        for (String region : routing.replicate().keySet()) {
            config.readApi(region).ifPresent(api -> targets.add(new ReadApiTarget(region, api, http,
                    config.readTimeout())));
        }
        if (routing.purges().isEmpty()) {
            return new Plan(targets, false);
        }
        if (event.revision() == null) {
            return new Plan(targets, true);
        }
        Set<String> keys = new LinkedHashSet<>();
        Set<URI> urls = new LinkedHashSet<>();
        for (PurgePlan plan : routing.purges()) {
            keys.addAll(plan.keys());
            plan.urls().forEach(url -> urls.add(URI.create(url)));
        }
        Map<URI, List<Place>> sameRedis = new LinkedHashMap<>();
        for (PurgeTargetDoc doc : snapshot.purgeTargets().values()) {
            Place place = new Place(doc.region(), label(doc));
            if (doc.type() == PurgeTargetDoc.Type.REDIS && !keys.isEmpty()) {
                URI redis = redisOf(snapshot, doc);
                if (redis != null) {
                    sameRedis.computeIfAbsent(redis, r -> new ArrayList<>()).add(place);
                }
            } else if (doc.type() == PurgeTargetDoc.Type.HTTP && !urls.isEmpty()) {
                List<URI> nodes = doc.tiers().stream().flatMap(t -> t.nodes().stream()).distinct().toList();
                targets.add(new HttpCacheTarget(place, nodes, List.copyOf(urls), http, config.readTimeout(), clock));
            }
        }
        // purge targets on one Redis are one cache holding the same keys: one read a delay counts for each
        sameRedis.forEach((redis, places) -> targets.add(new RedisCacheTarget(places, () -> cache(redis),
                List.copyOf(keys), cacheReads)));
        return new Plan(targets, false);
    }

    /**
     * A place the config can route to, for meters that exist before the first sample.
     *
     * @param region its region
     * @param target its {@code target} label
     * @param hops the hops a write it does not serve can stall at
     */
    public record Known(String region, String target, List<String> hops) {}

    /** Every place the config can route to: each region's replica that has a read API, and each purge target. */
    public List<Known> known(ConfigSnapshot snapshot) {
        List<Known> known = new ArrayList<>();
        snapshot.regions().keySet().stream().filter(r -> config.readApi(r).isPresent())
                .forEach(r -> known.add(new Known(r, ProberMetricNames.TARGET_REPLICA, Hop.OF_REPLICA)));
        snapshot.purgeTargets().values().forEach(doc -> known.add(new Known(doc.region(), label(doc),
                Hop.OF_CACHE)));
        return known;
    }

    /** A Redis target's Redis as the purgers find it: its own, else its region's, else the default. */
    private URI redisOf(ConfigSnapshot snapshot, PurgeTargetDoc doc) {
        if (doc.redisUri() != null) {
            return doc.redisUri();
        }
        RegionDoc region = snapshot.regions().get(doc.region());
        return region != null && region.redisUri() != null ? region.redisUri() : config.defaultRedis();
    }

    /** The {@code target} label of a purge target. */
    public static String label(PurgeTargetDoc doc) {
        return "purge/" + doc.name();
    }

    private RuleSet rules(ConfigSnapshot snapshot) {
        Compiled current = compiled;
        if (current == null || current.revision() != snapshot.revision()) {
            try {
                current = new Compiled(snapshot.revision(), RuleSet.compile(snapshot));
            } catch (InvalidRuleSetException e) {
                log.warn("Config revision {} has invalid rules; probing with the rules before it: {}",
                        snapshot.revision(), e.getMessage());
                current = new Compiled(snapshot.revision(), current == null ? null : current.rules());
            }
            compiled = current;
        }
        return current.rules();
    }

    private synchronized CacheClient cache(URI redis) {
        return caches.computeIfAbsent(redis, uri -> CacheClient.connect(uri, config.readTimeout()));
    }

    @Override
    public synchronized void close() {
        cacheReads.shutdownNow();
        caches.values().forEach(CacheClient::close);
        caches.clear();
    }
}
