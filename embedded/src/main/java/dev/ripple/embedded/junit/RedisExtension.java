package dev.ripple.embedded.junit;

import dev.ripple.embedded.RedisProcess;

/** Gives a test parameter of type {@link RedisProcess}: a redis-server process shared by every test in this JVM. */
public final class RedisExtension extends SharedServiceExtension<RedisProcess> {
    public RedisExtension() {
        super(RedisProcess.class, RedisProcess::start);
    }
}
