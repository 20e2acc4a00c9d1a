package dev.ripple.runtime;

import java.util.concurrent.ForkJoinPool;

/**
 * Gives the JDK's common fork-join pool two threads on a machine of one or two cores. The pool gets one thread per
 * core less one, and with a single thread {@code CompletableFuture} runs every asynchronous step
 * without an executor on a new thread of its own; the JDK HTTP client completes every response with such a step, so
 * on two cores the prober started about 450 threads a second. An operator's own setting of the pool's
 * {@code common.parallelism} property is kept.
 */
public final class CommonPool {
    /** Read once, when the pool is first used (naming the class does not start it). */
    static final String PARALLELISM = ForkJoinPool.class.getName() + ".common.parallelism";

    private CommonPool() {}

    /** Call first thing in {@code main}, before anything uses the common pool or a {@code CompletableFuture}. */
    public static void ensureParallel() {
        if (System.getProperty(PARALLELISM) == null && Runtime.getRuntime().availableProcessors() <= 2) {
            System.setProperty(PARALLELISM, "2");
        }
    }
}
