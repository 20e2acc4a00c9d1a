package dev.ripple.cli;

import java.util.Optional;
import picocli.CommandLine.Option;

/** The Redis option of the commands that run a part writing to Redis (a picocli mixin). */
public final class RedisConnection {
    @Option(names = "--redis", paramLabel = "URI", defaultValue = "${env:RIPPLE_REDIS}",
            description = {"Redis, redis://host:port (env RIPPLE_REDIS): the region's store, and that of Redis",
                    "purge targets that name none, nor does their region."})
    String uri;

    /** The Redis given, if any. */
    public Optional<String> uri() {
        return uri == null || uri.isBlank() ? Optional.empty() : Optional.of(uri);
    }
}
