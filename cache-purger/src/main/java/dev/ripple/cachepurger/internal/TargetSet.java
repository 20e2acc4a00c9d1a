package dev.ripple.cachepurger.internal;

import dev.ripple.cachepurger.BreakerState;
import dev.ripple.cachepurger.PurgeReceipt.TargetAck;
import dev.ripple.cachepurger.PurgerConfig;
import dev.ripple.cachepurger.PurgerException;
import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.PurgeTargetDoc;
import dev.ripple.config.RegionDoc;
import dev.ripple.events.PurgeRequest;
import io.lettuce.core.resource.ClientResources;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The purge targets of a region as of one config snapshot. A purge goes to the Redis targets first, then to the
 * HTTP targets (so a CDN that refills at once does not read a stale value back from Redis). Reference-counted:
 * a set replaced by a config change closes once its last batch finished. Thread-safe.
 */
final class TargetSet {
    private static final Logger log = LoggerFactory.getLogger(TargetSet.class);

    /** What targets are built with. */
    record Tools(PurgerConfig config, Clock clock, ScheduledExecutorService scheduler, ClientResources redis,
            PurgerMetrics metrics, Guard.Transitions transitions) {}

    private final List<PurgeTargetDoc> docs;
    private final List<PurgeTarget> redis;
    private final List<PurgeTarget> http;
    private final AtomicInteger users = new AtomicInteger(1);

    private TargetSet(List<PurgeTargetDoc> docs, List<PurgeTarget> redis, List<PurgeTarget> http) {
        this.docs = List.copyOf(docs);
        this.redis = List.copyOf(redis);
        this.http = List.copyOf(http);
    }

    /**
     * The targets the snapshot gives the region.
     *
     * @throws PurgerException if a redis target has no Redis: none in its document, its region's or the config's
     */
    static TargetSet build(ConfigSnapshot snapshot, Tools tools) {
        PurgerConfig config = tools.config();
        List<PurgeTargetDoc> docs = snapshot.purgeTargets(config.region());
        List<PurgeTarget> redis = new ArrayList<>();
        List<PurgeTarget> http = new ArrayList<>();
        try {
            for (PurgeTargetDoc doc : docs) {
                Guard guard = new Guard(doc.name(), config.policyFor(doc.name()), doc.maxConcurrent(),
                        doc.ratePerSecond(), tools.clock(), tools.scheduler(), tools.metrics(), tools.transitions());
                tools.metrics().breaker(doc.name(), guard.state());
                if (doc.type() == PurgeTargetDoc.Type.REDIS) {
                    redis.add(new RedisTarget(doc.name(), redisOf(doc, snapshot, config), doc.tombstoneMs(),
                            Duration.ofMillis(doc.timeoutMs()), guard, tools.redis(), tools.clock(), tools.metrics()));
                } else {
                    http.add(new HttpTarget(doc, guard, config.limits().connectionsPerNode(), tools.clock(),
                            tools.metrics()));
                }
            }
        } catch (RuntimeException e) {
            redis.forEach(PurgeTarget::close);
            throw e;
        }
        return new TargetSet(docs, redis, http);
    }

    private static URI redisOf(PurgeTargetDoc doc, ConfigSnapshot snapshot, PurgerConfig config) {
        RegionDoc region = snapshot.regions().get(doc.region());
        URI uri = doc.redisUri() != null ? doc.redisUri()
                : region != null && region.redisUri() != null ? region.redisUri() : config.defaultRedisUri();
        if (uri == null) {
            throw new PurgerException("Purge target " + doc.key() + " has no redis_uri, region " + doc.region()
                    + " has none either, and the purger was given no default Redis: set one of them");
        }
        return uri;
    }

    /** Purges a batch: one future per job, in order, completing with every target's acknowledgement. */
    List<CompletableFuture<List<TargetAck>>> purge(List<PurgeJob> jobs) {
        List<PurgeRequest> requests = jobs.stream().map(PurgeJob::request).toList();
        List<List<CompletableFuture<TargetAck>>> fromRedis = redis.stream().map(t -> t.purge(requests)).toList();
        List<CompletableFuture<List<TargetAck>>> done = new ArrayList<>(jobs.size());
        for (int i = 0; i < requests.size(); i++) {
            PurgeRequest request = requests.get(i);
            List<CompletableFuture<TargetAck>> first = new ArrayList<>(fromRedis.size());
            for (List<CompletableFuture<TargetAck>> target : fromRedis) {
                first.add(target.get(i));
            }
            CompletableFuture<List<TargetAck>> redisDone = all(first);
            done.add(http.isEmpty() ? redisDone : redisDone.thenCompose(redisAcks -> {
                List<CompletableFuture<TargetAck>> second = http.stream()
                        .map(t -> t.purge(List.of(request)).get(0)).toList();
                return all(second).thenApply(httpAcks -> {
                    List<TargetAck> acks = new ArrayList<>(redisAcks);
                    acks.addAll(httpAcks);
                    return acks;
                });
            }));
        }
        return done;
    }

    private static CompletableFuture<List<TargetAck>> all(List<CompletableFuture<TargetAck>> acks) {
        if (acks.size() == 1) {
            return acks.get(0).thenApply(List::of);
        }
        return CompletableFuture.allOf(acks.toArray(CompletableFuture[]::new))
                .thenApply(done -> acks.stream().map(CompletableFuture::join).toList());
    }

    /** Whether any target's breaker holds purges back (the partitions should pause). */
    boolean holdsBack() {
        for (PurgeTarget target : redis) {
            if (target.guard().state().holdsBack()) {
                return true;
            }
        }
        for (PurgeTarget target : http) {
            if (target.guard().state().holdsBack()) {
                return true;
            }
        }
        return false;
    }

    /** Breaker states by target name. */
    Map<String, BreakerState> breakers() {
        Map<String, BreakerState> states = new LinkedHashMap<>();
        redis.forEach(t -> states.put(t.name(), t.guard().state()));
        http.forEach(t -> states.put(t.name(), t.guard().state()));
        return states;
    }

    List<PurgeTargetDoc> docs() {
        return docs;
    }

    /** Takes a reference for one batch; false if the set is already closed. */
    boolean retain() {
        return users.getAndUpdate(n -> n == 0 ? 0 : n + 1) > 0;
    }

    /** Gives a reference back; the last one closes the targets. */
    void release() {
        if (users.decrementAndGet() == 0) {
            for (PurgeTarget target : redis) {
                try {
                    target.close();
                } catch (RuntimeException e) {
                    log.warn("Could not close purge target {} cleanly: {}", target.name(), e.toString());
                }
            }
            http.forEach(PurgeTarget::close);
        }
    }
}
