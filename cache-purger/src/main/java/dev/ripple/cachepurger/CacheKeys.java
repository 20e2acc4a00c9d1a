package dev.ripple.cachepurger;

/**
 * The Redis layout shared by the purger and {@link CacheClient} (DESIGN.md section 8). A cache entry lives at its
 * own key (a hash {@code rev}, {@code value}); a tag's members are a set; a purge leaves a tombstone holding the
 * purged revision for at least the target's {@code tombstone_ms} (at most twice it), so that a fill of an older
 * revision is refused.
 *
 * <p>Tombstones are fields of hashes, one hash per {@code tombstone_ms}-wide bucket of Redis time:
 * {@code ripple:cache:tombs:<tombstone_ms>:<bucket>} maps a cache key to the highest revision purged in that
 * bucket, and the sorted set {@link #TOMBSTONES} lists the buckets by the time until which they refuse fills. A
 * field costs Redis a fraction of a key with its own TTL, which is what a purge spends most of its time on.
 */
public final class CacheKeys {
    /** Prefix of tag sets: {@code ripple:cache:tag:<tag>} holds the keys filled with that tag. */
    public static final String TAG_PREFIX = "ripple:cache:tag:";
    /** The index of tombstone buckets (a sorted set: bucket key → until when it refuses fills, epoch ms). */
    public static final String TOMBSTONES = "ripple:cache:tombs";

    private CacheKeys() {}

    /** The set of keys filled with {@code tag}. */
    public static String tag(String tag) {
        return TAG_PREFIX + tag;
    }
}
