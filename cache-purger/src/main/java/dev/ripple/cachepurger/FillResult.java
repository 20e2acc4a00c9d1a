package dev.ripple.cachepurger;

/** What {@link CacheClient#fill} did. */
public enum FillResult {
    /** The entry now holds the value. */
    FILLED,
    /**
     * Refused: the key was purged at a newer revision within the target's tombstone TTL, so the value being filled
     * was read before that edit (the stale-fill race). Read the source again and fill the newer revision.
     */
    REFUSED_PURGED,
    /** Refused: the cache already holds a newer revision. */
    REFUSED_OLDER
}
