package dev.ripple.cachepurger;

import java.util.Objects;

/**
 * A cache entry as {@link CacheClient#get} found it.
 *
 * @param value the cached text
 * @param revision the revision it was filled with
 */
public record CachedValue(String value, long revision) {
    public CachedValue {
        Objects.requireNonNull(value, "value");
    }
}
