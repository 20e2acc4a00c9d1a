package dev.ripple.producer.internal;

import dev.ripple.producer.IntakeLimits;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Failed producer authentications per client address: each address has a {@link TokenBucket} of
 * {@code failedAuthBurst} attempts, one more every {@code failedAuthPeriod}. An attempt that needs a hash takes a
 * token first and gives it back when it succeeds, so concurrent guesses cannot overdraw it. At most
 * {@value #MAX_ADDRESSES} addresses are tracked; past that, addresses whose bucket is full again are forgotten, and
 * if none is, all are. Thread-safe.
 */
final class FailedAuths {
    static final int MAX_ADDRESSES = 10_000;

    private final int burst;
    private final double perSecond;
    private final Clock clock;
    private final Map<String, TokenBucket> buckets = new ConcurrentHashMap<>();

    FailedAuths(IntakeLimits limits, Clock clock) {
        this.burst = limits.failedAuthBurst();
        this.perSecond = 1e9 / limits.failedAuthPeriod().toNanos();
        this.clock = clock;
    }

    /**
     * Reserves one attempt for {@code address}.
     *
     * @return {@link Duration#ZERO} when reserved, else how long until the address may try again
     */
    Duration reserve(String address) {
        if (buckets.size() >= MAX_ADDRESSES && !buckets.containsKey(address)) {
            buckets.values().removeIf(TokenBucket::full);
            if (buckets.size() >= MAX_ADDRESSES) {
                buckets.clear();
            }
        }
        return buckets.computeIfAbsent(address, a -> new TokenBucket(burst, perSecond, clock)).tryTake(1);
    }

    /** Addresses tracked now. */
    int tracked() {
        return buckets.size();
    }

    /** The reserved attempt succeeded: it does not count. */
    void succeeded(String address) {
        TokenBucket bucket = buckets.get(address);
        if (bucket != null) {
            bucket.refund(1);
        }
    }
}
