package dev.ripple.cli.config;

import dev.ripple.config.ChangeEvent;
import dev.ripple.config.CheckReport;
import dev.ripple.config.ConfigCheck;
import dev.ripple.config.ConfigException;
import dev.ripple.config.ConfigImport;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.ConfigWatch;
import dev.ripple.config.ConfigWrites;
import dev.ripple.config.Entry;
import dev.ripple.config.Listing;
import dev.ripple.config.WatchListener;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

/**
 * A {@link ConfigClient} on a {@link ConfigStore}: the CLI's etcd target, and the server side of the HTTP API of
 * {@code ripple up}, which also passes its {@link ConfigView} so that {@code check} reports what is in force.
 */
final class StoreConfigClient implements ConfigClient {
    /** A watch hand-off is bounded: a consumer that stops reading stops the watch rather than growing memory. */
    private static final int WATCH_QUEUE = 10_000;

    private final ConfigStore store;
    private final ConfigView view;
    private final Clock clock;
    private final String description;
    private final boolean ownsStore;

    StoreConfigClient(ConfigStore store, ConfigView view, Clock clock, String description, boolean ownsStore) {
        this.store = store;
        this.view = view;
        this.clock = clock;
        this.description = description;
        this.ownsStore = ownsStore;
    }

    ConfigStore store() {
        return store;
    }

    @Override
    public String describe() {
        return description;
    }

    @Override
    public Listing list(String prefix) {
        return store.list(prefix);
    }

    @Override
    public Optional<Entry> get(String key) {
        return store.get(key);
    }

    @Override
    public long put(String key, String text, long expectedModRevision) {
        return ConfigWrites.put(store, key, text, expectedModRevision);
    }

    @Override
    public boolean delete(String key) {
        return store.delete(key);
    }

    @Override
    public int deletePrefix(String prefix) {
        return store.deletePrefix(prefix);
    }

    @Override
    public ConfigImport.Result importFile(String text, boolean sync) {
        return ConfigImport.importText(store, text, sync);
    }

    @Override
    public CheckReport check() {
        return view != null ? view.check() : ConfigCheck.run(store, clock);
    }

    @Override
    public void watch(String prefix, long fromRevision, Predicate<ChangeEvent> sink) throws InterruptedException {
        BlockingQueue<Object> queue = new LinkedBlockingQueue<>(WATCH_QUEUE);
        AtomicBoolean overflowed = new AtomicBoolean();
        try (ConfigWatch watch = store.watchPrefix(prefix, fromRevision, new WatchListener() {
            @Override
            public void onEvents(List<ChangeEvent> events) {
                events.forEach(e -> overflowed.compareAndSet(false, !queue.offer(e)));
            }

            @Override
            public void onCompacted(long compactRevision) {
                queue.add(new Compacted(compactRevision));
            }
        })) {
            while (!overflowed.get()) {
                Object next = queue.poll(1, TimeUnit.SECONDS);
                if (next instanceof Compacted c) {
                    throw compacted(c.revision());
                }
                if (next instanceof ChangeEvent event && !sink.test(event)) {
                    return;
                }
            }
            throw new ConfigException("The watch stopped at revision " + watch.nextRevision() + ": its reader fell "
                    + WATCH_QUEUE + " changes behind");
        }
    }

    /** Waits for the next batch under {@code prefix} for at most {@code timeoutMs}: the HTTP long poll. */
    WatchPoll poll(String prefix, long fromRevision, long timeoutMs) throws InterruptedException {
        long from = fromRevision == 0 ? store.revision() + 1 : fromRevision;
        BlockingQueue<Object> queue = new LinkedBlockingQueue<>();
        try (ConfigWatch watch = store.watchPrefix(prefix, from, new WatchListener() {
            @Override
            public void onEvents(List<ChangeEvent> events) {
                queue.add(events);
            }

            @Override
            public void onCompacted(long compactRevision) {
                queue.add(new Compacted(compactRevision));
            }
        })) {
            Object first = queue.poll(timeoutMs, TimeUnit.MILLISECONDS);
            if (first instanceof Compacted c) {
                return new WatchPoll(from, List.of(), c.revision());
            }
            List<ChangeEvent> events = new ArrayList<>();
            for (Object batch = first; batch instanceof List<?> list; batch = queue.poll()) {
                list.forEach(e -> events.add((ChangeEvent) e));
            }
            long next = events.isEmpty() ? from : events.get(events.size() - 1).modRevision() + 1;
            return new WatchPoll(next, events, 0);
        }
    }

    /** One long-poll answer: the changes, the revision to poll from next, or the compaction that ended it. */
    record WatchPoll(long next, List<ChangeEvent> events, long compactRevision) {}

    private record Compacted(long revision) {}

    static ConfigException compacted(long revision) {
        return new ConfigException("The store no longer has the history asked for: revisions before " + revision
                + " were compacted. Watch from now (no --from), or from " + revision + ".");
    }

    @Override
    public void close() {
        if (ownsStore) {
            store.close();
        }
    }
}
