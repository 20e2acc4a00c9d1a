package dev.ripple.replica;

import dev.ripple.consistency.EpochSource;
import dev.ripple.runtime.Checks;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how a Redis replica store connects.
 *
 * @param uri {@code redis://host:port} or {@code rediss://…} (credentials in the URI are passed through)
 * @param keyPrefix first segment of every key, {@code ripple} by default, so installations can share a Redis
 * @param epoch the epoch in force (followed live); a partition's position hash records it. The first apply in
 *     a later epoch starts the hash afresh; applying in an earlier epoch than the hash's fails (retried), so the
 *     offsets of two source logs never mix
 * @param timeout longest one Redis command may take
 */
public record RedisStoreConfig(String uri, String keyPrefix, EpochSource epoch, Duration timeout) {
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    public RedisStoreConfig {
        Objects.requireNonNull(uri, "uri");
        if (!uri.startsWith("redis://") && !uri.startsWith("rediss://")) {
            throw Checks.invalid(uri, "redis uri", "must start with redis:// or rediss://");
        }
        if (keyPrefix == null || !PREFIX.matcher(keyPrefix).matches()) {
            throw Checks.invalid(keyPrefix, "keyPrefix", "use 1 to 32 letters, digits, '-' or '_'");
        }
        Objects.requireNonNull(epoch, "epoch");
        Checks.positive(timeout, "timeout");
    }

    /** Prefix {@code ripple}, epoch 1, 5 s command timeout. */
    public static RedisStoreConfig defaults(String uri) {
        return new RedisStoreConfig(uri, "ripple", EpochSource.fixed(1), Duration.ofSeconds(5));
    }

    /** With a fixed epoch. */
    public RedisStoreConfig withEpoch(long fixed) {
        return withEpoch(EpochSource.fixed(fixed));
    }

    public RedisStoreConfig withEpoch(EpochSource newEpoch) {
        return new RedisStoreConfig(uri, keyPrefix, newEpoch, timeout);
    }

    public RedisStoreConfig withKeyPrefix(String prefix) {
        return new RedisStoreConfig(uri, prefix, epoch, timeout);
    }
}
