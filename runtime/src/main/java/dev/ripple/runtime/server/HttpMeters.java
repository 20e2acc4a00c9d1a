package dev.ripple.runtime.server;

import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.server.Connector;
import org.eclipse.jetty.server.NetworkConnectionLimit;
import org.eclipse.jetty.util.thread.QueuedThreadPool;

/** The bounds of a {@link RippleHttpServer} as meters (names in {@link ServerMetricNames}): each limit and its hits. */
final class HttpMeters implements MeterBinder {
    final LongAdder slowRequests = new LongAdder();
    final LongAdder limitHits = new LongAdder();
    final LongAdder bufferRefusals = new LongAdder();
    final AtomicLong bufferedBytes = new AtomicLong();
    private final QueuedThreadPool threads;
    private volatile NetworkConnectionLimit limit;

    HttpMeters(QueuedThreadPool threads) {
        this.threads = threads;
    }

    /** A connection cap on {@code connector} that counts each time it is reached. */
    NetworkConnectionLimit limit(int max, Connector connector) {
        limit = new NetworkConnectionLimit(max, connector) {
            @Override
            protected void limit() {
                limitHits.increment();
                super.limit();
            }
        };
        return limit;
    }

    @Override
    public void bindTo(MeterRegistry registry) {
        Gauge.builder(ServerMetricNames.HTTP_CONNECTIONS_OPEN, this, m -> m.limit == null ? 0
                : m.limit.getNetworkConnectionCount()).description("Open HTTP connections").register(registry);
        Gauge.builder(ServerMetricNames.HTTP_CONNECTIONS_MAX, this, m -> m.limit == null ? 0
                : m.limit.getMaxNetworkConnectionCount()).description("HTTP connection cap").register(registry);
        FunctionCounter.builder(ServerMetricNames.HTTP_CONNECTION_LIMIT_HITS, limitHits, LongAdder::sum)
                .description("Times the HTTP connection cap was reached").register(registry);
        FunctionCounter.builder(ServerMetricNames.HTTP_SLOW_REQUESTS, slowRequests, LongAdder::sum)
                .description("Requests cut for a body below the minimum data rate").register(registry);
        Gauge.builder(ServerMetricNames.HTTP_BODY_BUFFERED, bufferedBytes, AtomicLong::get).baseUnit("bytes")
                .description("Bytes of request bodies held in memory").register(registry);
        FunctionCounter.builder(ServerMetricNames.HTTP_BODY_BUFFER_REFUSALS, bufferRefusals, LongAdder::sum)
                .description("Requests refused (503) because buffered bodies were at their limit").register(registry);
        Gauge.builder(ServerMetricNames.HTTP_THREADS_BUSY, threads, QueuedThreadPool::getBusyThreads)
                .description("Busy HTTP request threads").register(registry);
        Gauge.builder(ServerMetricNames.HTTP_THREADS_MAX, threads, QueuedThreadPool::getMaxThreads)
                .description("HTTP request thread pool size").register(registry);
    }
}
