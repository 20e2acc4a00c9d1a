package dev.ripple.prober.internal;

import dev.ripple.cachepurger.CacheClient;
import dev.ripple.cachepurger.CachedValue;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * A Redis purge target, read with the cache's own protocol ({@link CacheClient#get}, {@link CacheClient#tombstone}:
 * plain reads, no fill and no TTL touched). It serves a write when none of the write's cache keys holds an entry
 * filled with an older revision: the purge removed those, and only a newer fill may follow it.
 */
final class RedisCacheTarget implements Target {
    private final String region;
    private final String label;
    private final Supplier<CacheClient> cache;
    private final List<String> keys;
    private final Executor executor;

    RedisCacheTarget(String region, String label, Supplier<CacheClient> cache, List<String> keys,
            Executor executor) {
        this.region = region;
        this.label = label;
        this.cache = cache;
        this.keys = List.copyOf(keys);
        this.executor = executor;
    }

    @Override
    public String region() {
        return region;
    }

    /** An older entry can be filled after the purge: looked at at every delay. */
    @Override
    public boolean staysServed() {
        return false;
    }

    @Override
    public String label() {
        return label;
    }

    /** Runs the (blocking) Redis reads on the prober's cache executor. */
    @Override
    public CompletableFuture<Check> check(SampledWrite write) {
        return CompletableFuture.supplyAsync(() -> look(write), executor);
    }

    private Check look(SampledWrite write) {
        long revision = write.revision();
        try {
            for (String key : keys) {
                Optional<CachedValue> entry = cache.get().get(key);
                if (entry.isPresent() && entry.get().revision() < revision) {
                    Optional<Long> purged = cache.get().tombstone(key);
                    String observed = key + " holds revision " + entry.get().revision()
                            + purged.map(p -> ", purged at revision " + p).orElse(", no purge tombstone");
                    return Check.stale(purged.filter(p -> p >= revision).isPresent() ? Hop.CACHE_FILL : Hop.PURGER,
                            observed);
                }
            }
        } catch (RuntimeException e) {
            return Check.failedLook(Hop.CACHE_READ, "cache did not answer", e);
        }
        return Check.consistent("no entry older than revision " + revision + " in " + keys);
    }

    @Override
    public String toString() {
        return region + " " + label + " " + keys;
    }
}
