package dev.ripple.prober.internal;

import dev.ripple.cachepurger.CacheClient;
import dev.ripple.cachepurger.CachedValue;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.function.Supplier;

/**
 * A Redis purge target, read with the cache's own protocol ({@link CacheClient#getAsync}, {@link
 * CacheClient#tombstone}: plain reads, no fill and no TTL touched; asynchronous, so the looks at one Redis share its
 * round trips). It serves a write when none of the write's cache keys holds an entry filled with an older revision:
 * the purge removed those, and only a newer fill may follow it.
 */
final class RedisCacheTarget implements Target {
    private final List<Place> places;
    private final Supplier<CacheClient> cache;
    private final List<String> keys;
    private final Executor executor;

    /** @param places every purge target whose cache is this Redis: one read counts for each */
    RedisCacheTarget(List<Place> places, Supplier<CacheClient> cache, List<String> keys, Executor executor) {
        this.places = List.copyOf(places);
        this.cache = cache;
        this.keys = List.copyOf(keys);
        this.executor = executor;
    }

    @Override
    public List<Place> places() {
        return places;
    }

    /** An older entry can be filled after the purge: looked at at every delay. */
    @Override
    public boolean staysServed() {
        return false;
    }

    /**
     * Reads every cache key of the write at once, without blocking ({@link CacheClient#getAsync}); only for an entry
     * found stale is the purge tombstone read, on the prober's cache executor.
     */
    @Override
    public CompletableFuture<Check> check(SampledWrite write) {
        long revision = write.revision();
        List<CompletableFuture<Optional<CachedValue>>> entries = new ArrayList<>(keys.size());
        try {
            CacheClient client = cache.get();
            keys.forEach(key -> entries.add(client.getAsync(key).toCompletableFuture()));
        } catch (RuntimeException e) {
            return CompletableFuture.completedFuture(Check.failedLook(Hop.CACHE_READ, "cache did not answer", e));
        }
        return CompletableFuture.allOf(entries.toArray(CompletableFuture[]::new)).handle((done, error) -> error)
                .thenCompose(error -> {
                    if (error != null) {
                        return CompletableFuture.completedFuture(Check.failedLook(Hop.CACHE_READ,
                                "cache did not answer", error));
                    }
                    for (int i = 0; i < keys.size(); i++) {
                        Optional<CachedValue> entry = entries.get(i).join();
                        if (entry.isPresent() && entry.get().revision() < revision) {
                            String key = keys.get(i);
                            long held = entry.get().revision();
                            return CompletableFuture.supplyAsync(() -> stale(key, held, revision), executor);
                        }
                    }
                    return CompletableFuture.completedFuture(Check.consistent("no entry older than revision "
                            + revision + " in " + keys));
                });
    }

    /** {@code key} holds {@code held}, older than {@code revision}: the purge tombstone says which hop stalled. */
    private Check stale(String key, long held, long revision) {
        try {
            Optional<Long> purged = cache.get().tombstone(key);
            String observed = key + " holds revision " + held
                    + purged.map(p -> ", purged at revision " + p).orElse(", no purge tombstone");
            return Check.stale(purged.filter(p -> p >= revision).isPresent() ? Hop.CACHE_FILL : Hop.PURGER, observed);
        } catch (RuntimeException e) {
            return Check.failedLook(Hop.CACHE_READ, "cache did not answer", e);
        }
    }

    @Override
    public String toString() {
        return places + " " + keys;
    }
}
