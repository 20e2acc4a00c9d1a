package dev.ripple.config.internal;

import dev.ripple.config.ChangeEvent;
import dev.ripple.config.ConfigWatch;
import dev.ripple.config.WatchListener;
import java.util.List;

/** A watch on the in-memory store: filters each committed batch and hands it to the dispatcher thread. */
final class MemoryWatch implements ConfigWatch {
    private final InMemoryConfigStore store;
    private final String keyOrPrefix;
    private final boolean prefix;
    private final WatchListener listener;
    private final WatchDispatcher dispatcher;
    private volatile long nextRevision;
    private volatile boolean closed;

    MemoryWatch(InMemoryConfigStore store, String keyOrPrefix, boolean prefix, long from, WatchListener listener,
            WatchDispatcher dispatcher) {
        this.store = store;
        this.keyOrPrefix = keyOrPrefix;
        this.prefix = prefix;
        this.nextRevision = from;
        this.listener = listener;
        this.dispatcher = dispatcher;
    }

    /** Called under the store's lock, in revision order. */
    void offer(List<ChangeEvent> batch) {
        List<ChangeEvent> matching = batch.stream()
                .filter(e -> prefix ? e.key().startsWith(keyOrPrefix) : e.key().equals(keyOrPrefix))
                .toList();
        if (matching.isEmpty()) {
            return;
        }
        dispatcher.execute(() -> {
            if (!closed) {
                nextRevision = matching.get(matching.size() - 1).modRevision() + 1;
                listener.onEvents(matching);
            }
        });
    }

    void compacted(long compactRevision) {
        closed = true;
        dispatcher.execute(() -> listener.onCompacted(compactRevision));
    }

    @Override
    public long nextRevision() {
        return nextRevision;
    }

    @Override
    public boolean isClosed() {
        return closed;
    }

    @Override
    public void close() {
        closed = true;
        store.remove(this);
    }
}
