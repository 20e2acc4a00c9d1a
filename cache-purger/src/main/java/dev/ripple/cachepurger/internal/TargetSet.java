package dev.ripple.cachepurger.internal;

import dev.ripple.cachepurger.PurgeReceipt.TargetAck;
import dev.ripple.cachepurger.PurgerConfig;
import dev.ripple.cachepurger.PurgerException;
import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.PurgeTargetDoc;
import dev.ripple.config.RegionDoc;
import dev.ripple.events.PurgeRequest;
import dev.ripple.runtime.failure.Failures;
import dev.ripple.runtime.http.BreakerState;
import dev.ripple.runtime.http.Guard;
import dev.ripple.runtime.http.GuardListener;
import dev.ripple.runtime.http.GuardOptions;
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
            PurgerMetrics metrics, Transitions transitions) {}

    /** Told of breaker transitions. */
    interface Transitions {
        void changed(String target, BreakerState from, BreakerState to);
    }

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
                Guard guard = Guard.create(doc.name(), config.policyFor(doc.name()),
                        GuardOptions.waiting(doc.maxConcurrent(), doc.ratePerSecond()), tools.clock(),
                        tools.scheduler(), listener(tools));
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

    /** Turns what a target's guard does into the purger's metrics and breaker transitions. */
    static GuardListener listener(Tools tools) {
        return new GuardListener() {
            @Override
            public void waited(String target, String reason) {
                tools.metrics().targetWait(target, reason);
            }

            @Override
            public void called(String target, String outcome) {
                tools.metrics().targetCall(target, outcome);
            }

            @Override
            public void breakerChanged(String target, BreakerState from, BreakerState to) {
                tools.transitions().changed(target, from, to);
            }
        };
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

    /** One job's end: every target's acknowledgement, or (failure non-null) why it goes to the dead letters. */
    record Done(PurgeJob job, List<TargetAck> acks, Throwable failure) {}

    /** Told when jobs of a batch end, on an I/O thread; each job of the batch is told exactly once. */
    interface Finished {
        void finished(List<Done> done);
    }

    /**
     * Purges a batch: Redis targets first, each in one call for the whole batch; then, per job that every Redis
     * target acknowledged, the HTTP targets. Jobs that end together (the whole batch, when there are no HTTP
     * targets) are told in one {@link Finished#finished} call. Never throws.
     */
    void purge(List<PurgeJob> jobs, Finished finished) {
        List<CompletableFuture<List<PurgeTarget.Result>>> fromRedis;
        try {
            List<PurgeRequest> requests = new ArrayList<>(jobs.size());
            for (PurgeJob job : jobs) {
                requests.add(job.request());
            }
            fromRedis = new ArrayList<>(redis.size());
            for (PurgeTarget target : redis) {
                fromRedis.add(target.purge(requests));
            }
        } catch (RuntimeException e) {
            log.error("Could not hand {} purge(s) to the targets", jobs.size(), e);
            finished.finished(failAll(jobs, e));
            return;
        }
        CompletableFuture<?> redisDone = fromRedis.size() == 1 ? fromRedis.get(0)
                : CompletableFuture.allOf(fromRedis.toArray(CompletableFuture[]::new));
        redisDone.whenComplete((ignored, error) -> afterRedis(jobs, fromRedis, finished));
    }

    private void afterRedis(List<PurgeJob> jobs, List<CompletableFuture<List<PurgeTarget.Result>>> fromRedis,
            Finished finished) {
        List<Done> settled = new ArrayList<>(jobs.size());
        List<Done> toHttp = http.isEmpty() ? List.of() : new ArrayList<>();
        try {
            List<List<PurgeTarget.Result>> results = new ArrayList<>(fromRedis.size());
            for (CompletableFuture<List<PurgeTarget.Result>> target : fromRedis) {
                results.add(target.join());
            }
            for (int i = 0; i < jobs.size(); i++) {
                List<TargetAck> acks = new ArrayList<>(redis.size() + http.size());
                Throwable failure = null;
                for (List<PurgeTarget.Result> target : results) {
                    PurgeTarget.Result result = target.get(i);
                    if (result.failure() != null) {
                        failure = result.failure();
                        break;
                    }
                    acks.add(result.ack());
                }
                Done done = new Done(jobs.get(i), acks, failure);
                (failure != null || http.isEmpty() ? settled : toHttp).add(done);
            }
        } catch (RuntimeException e) {
            log.error("Could not take the Redis results of {} purge(s)", jobs.size(), e);
            finished.finished(failAll(jobs, Failures.unwrap(e)));
            return;
        }
        if (!settled.isEmpty()) {
            finished.finished(settled);
        }
        for (Done done : toHttp) {
            purgeHttp(done, finished);
        }
    }

    private void purgeHttp(Done afterRedis, Finished finished) {
        PurgeJob job = afterRedis.job();
        List<CompletableFuture<List<PurgeTarget.Result>>> second = new ArrayList<>(http.size());
        try {
            for (PurgeTarget target : http) {
                second.add(target.purge(List.of(job.request())));
            }
        } catch (RuntimeException e) {
            finished.finished(List.of(new Done(job, List.of(), e)));
            return;
        }
        CompletableFuture.allOf(second.toArray(CompletableFuture[]::new)).whenComplete((ignored, error) -> {
            Done done;
            try {
                List<TargetAck> acks = afterRedis.acks();
                Throwable failure = null;
                for (CompletableFuture<List<PurgeTarget.Result>> target : second) {
                    PurgeTarget.Result result = target.join().get(0);
                    if (result.failure() != null) {
                        failure = result.failure();
                        break;
                    }
                    acks.add(result.ack());
                }
                done = new Done(job, acks, failure);
            } catch (RuntimeException e) {
                done = new Done(job, List.of(), Failures.unwrap(e));
            }
            finished.finished(List.of(done));
        });
    }

    private static List<Done> failAll(List<PurgeJob> jobs, Throwable why) {
        List<Done> failed = new ArrayList<>(jobs.size());
        for (PurgeJob job : jobs) {
            failed.add(new Done(job, List.of(), why));
        }
        return failed;
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
