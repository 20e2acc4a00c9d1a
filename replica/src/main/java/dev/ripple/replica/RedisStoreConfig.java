package dev.ripple.replica;

import dev.ripple.runtime.Checks;
import java.time.Duration;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * Where and how a Redis replica store connects.
 *
 * @param uri {@code redis://host:port} or {@code rediss://…} (credentials in the URI are passed through)
 * @param keyPrefix first segment of every key, {@code ripple} by default, so installations can share a Redis
 * @param epoch the current epoch; a partition's position hash records it, and applying records of another epoch
 *     fails instead of mixing offsets of two source logs
 * @param timeout longest one Redis command may take
 */
public record RedisStoreConfig(String uri, String keyPrefix, long epoch, Duration timeout) {
    private static final Pattern PREFIX = Pattern.compile("[A-Za-z0-9_-]{1,32}");

    public RedisStoreConfig {
        Objects.requireNonNull(uri, "uri");
        if (!uri.startsWith("redis://") && !uri.startsWith("rediss://")) {
            throw Checks.invalid(uri, "redis uri", "must start with redis:// or rediss://");
        }
        if (keyPrefix == null || !PREFIX.matcher(keyPrefix).matches()) {
            throw Checks.invalid(keyPrefix, "keyPrefix", "use 1 to 32 letters, digits, '-' or '_'");
        }
        Checks.atLeast(epoch, "epoch", 0);
        Checks.positive(timeout, "timeout");
    }

    /** Prefix {@code ripple}, epoch 1, 5 s command timeout. */
    public static RedisStoreConfig defaults(String uri) {
        return new RedisStoreConfig(uri, "ripple", 1, Duration.ofSeconds(5));
    }

    public RedisStoreConfig withEpoch(long newEpoch) {
        return new RedisStoreConfig(uri, keyPrefix, newEpoch, timeout);
    }

    public RedisStoreConfig withKeyPrefix(String prefix) {
        return new RedisStoreConfig(uri, prefix, epoch, timeout);
    }
}
