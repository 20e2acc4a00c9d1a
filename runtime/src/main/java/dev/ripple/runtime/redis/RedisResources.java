package dev.ripple.runtime.redis;

import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import io.lettuce.core.resource.Delay;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * The one set of Lettuce {@link ClientResources} (I/O event loops, computation pool, timer) that every Redis client
 * of this process shares, instead of a set per client: each set has threads of its own and a timer that ticks 10
 * times a second even when idle. Two I/O and two computation threads; reconnect attempts back off exponentially
 * from 10 ms to at most 1 s apart, so a Redis that comes back is used again within a second. Held by lease: the
 * resources start with the first {@link #acquire()} and are shut down when the last lease is closed, after the
 * clients on them (a client given resources does not shut them down). Thread-safe.
 */
public final class RedisResources {
    private static final Object LOCK = new Object();
    private static ClientResources shared;
    private static int leases;

    private RedisResources() {}

    /** A hold on the shared resources; close it once the clients created on them are shut down. */
    public static final class Lease implements AutoCloseable {
        private final ClientResources resources;
        private final AtomicBoolean closed = new AtomicBoolean();

        private Lease(ClientResources resources) {
            this.resources = resources;
        }

        /** What to create clients on: {@code RedisClient.create(lease.resources(), uri)}. */
        public ClientResources resources() {
            return resources;
        }

        /** Releases the resources; the last lease shuts them down. Idempotent. */
        @Override
        public void close() {
            if (closed.compareAndSet(false, true)) {
                release();
            }
        }
    }

    /** A lease on the process's resources, creating them if no lease is open. */
    public static Lease acquire() {
        synchronized (LOCK) {
            if (shared == null) {
                shared = DefaultClientResources.builder().ioThreadPoolSize(2).computationThreadPoolSize(2)
                        .reconnectDelay(Delay.exponential(Duration.ofMillis(10), Duration.ofSeconds(1), 2,
                                TimeUnit.MILLISECONDS))
                        .build();
            }
            leases++;
            return new Lease(shared);
        }
    }

    private static void release() {
        synchronized (LOCK) {
            if (--leases == 0) {
                shared.shutdown(0, 2, TimeUnit.SECONDS);
                shared = null;
            }
        }
    }
}
