package dev.ripple.cachepurger;

import dev.ripple.cachepurger.internal.RedisCacheClient;
import dev.ripple.events.PurgeRequest;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletionStage;

/**
 * The client a regional cache fills and reads its Redis with, in the layout the purger purges ({@link CacheKeys}).
 * A fill is one Lua script that refuses a revision older than the key's purge tombstone or than the cached entry,
 * and adds the key to its tags' sets, so a purge of the tag finds it. Revisions are non-negative.
 *
 * <pre>
 * try (CacheClient cache = CacheClient.connect(URI.create("redis://cache:6379"), Duration.ofSeconds(2))) {
 *     Optional&lt;CachedValue&gt; hit = cache.get("page:enwiki:Main_Page");
 *     if (hit.isEmpty()) {
 *         Page page = origin.read("enwiki:Main_Page");
 *         cache.fill("page:enwiki:Main_Page", page.revision(), page.html(), Set.of("page:enwiki:Main_Page"),
 *                 Duration.ofHours(1));     // REFUSED_PURGED if an edit was purged meanwhile
 *     }
 * }
 * </pre>
 *
 * <p>Thread-safe; one connection, shared. Methods block for one round trip and throw {@link PurgerException} when
 * Redis cannot be reached within the timeout.
 */
public interface CacheClient extends AutoCloseable {

    /**
     * Connects to a standalone Redis ({@code redis://} or {@code rediss://}).
     *
     * @param timeout how long one command may take
     * @throws PurgerException if Redis cannot be reached
     */
    static CacheClient connect(URI redis, Duration timeout) {
        return RedisCacheClient.connect(redis, timeout);
    }

    /** The entry at {@code key}, if one is cached. */
    Optional<CachedValue> get(String key);

    /**
     * {@link #get} without blocking: many reads share the connection's round trips. Completes exceptionally with a
     * {@link PurgerException} when Redis fails or does not answer within the timeout.
     */
    CompletionStage<Optional<CachedValue>> getAsync(String key);

    /**
     * Fills {@code key} with {@code value} at {@code revision} for {@code ttl}, unless that would be stale.
     *
     * @param tags tags of the entry; each tag's set gets the key and lives at least {@code ttl}
     * @throws IllegalArgumentException if the revision is negative or the TTL not positive
     */
    FillResult fill(String key, long revision, String value, Collection<String> tags, Duration ttl);

    /**
     * Carries out a purge request on this Redis exactly as a purger's redis target does: tombstones, keys, tagged
     * keys. For caches that follow the purge stream themselves ({@link PurgeSubscriber}).
     *
     * @param tombstoneTtl how long the tombstones refuse stale fills
     * @return how many keys were removed
     */
    long purge(PurgeRequest request, Duration tombstoneTtl);

    /** The keys filled with {@code tag} (and not purged since). */
    Set<String> tagged(String tag);

    /** The revision of {@code key}'s purge tombstone, if one is live. */
    Optional<Long> tombstone(String key);

    /** Closes the connection. Idempotent. */
    @Override
    void close();
}
