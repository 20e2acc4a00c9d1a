package dev.ripple.cachepurger;

/**
 * The Redis layout shared by the purger and {@link CacheClient} (DESIGN.md section 8). A cache entry lives at its
 * own key (a hash {@code rev}, {@code value}); a tag's members are a set; a purge leaves a tombstone holding the
 * purged revision for the target's {@code tombstone_ms}, so that a fill of an older revision is refused.
 */
public final class CacheKeys {
    /** Prefix of tag sets: {@code ripple:cache:tag:<tag>} holds the keys filled with that tag. */
    public static final String TAG_PREFIX = "ripple:cache:tag:";
    /** Prefix of purge tombstones: {@code ripple:cache:tomb:<key>} holds the revision of the last purge of key. */
    public static final String TOMBSTONE_PREFIX = "ripple:cache:tomb:";

    private CacheKeys() {}

    /** The set of keys filled with {@code tag}. */
    public static String tag(String tag) {
        return TAG_PREFIX + tag;
    }

    /** The purge tombstone of {@code key}. */
    public static String tombstone(String key) {
        return TOMBSTONE_PREFIX + key;
    }
}
