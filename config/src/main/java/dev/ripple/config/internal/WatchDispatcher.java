package dev.ripple.config.internal;

import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The one thread on which a store calls its watch listeners, so that each listener sees calls in order and never
 * concurrently. A listener that throws is logged; the watch goes on.
 */
final class WatchDispatcher implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(WatchDispatcher.class);

    private final ScheduledExecutorService executor;

    WatchDispatcher(String threadName) {
        this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
            Thread thread = new Thread(r, threadName);
            thread.setDaemon(true);
            return thread;
        });
    }

    void execute(Runnable task) {
        schedule(task, 0);
    }

    void schedule(Runnable task, long delayMillis) {
        try {
            executor.schedule(() -> {
                try {
                    task.run();
                } catch (RuntimeException e) {
                    log.error("A config watch listener failed; the watch goes on", e);
                }
            }, delayMillis, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closed) {
            // the store is closing: its watches end
        }
    }

    @Override
    public void close() {
        executor.shutdownNow();
    }
}
