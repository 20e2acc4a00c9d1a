package dev.ripple.config.internal;

import dev.ripple.config.ChangeEvent;
import dev.ripple.config.ConfigException;
import dev.ripple.config.ConfigWatch;
import dev.ripple.config.Entry;
import dev.ripple.config.Listing;
import dev.ripple.config.StoreUnavailableException;
import dev.ripple.config.WatchListener;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;

/**
 * A {@link dev.ripple.config.ConfigStore} in memory with etcd's revision model: one revision per committed change,
 * a bounded history of changes for watches, and compaction. One lock orders commits; watch deliveries are queued
 * under that lock onto one thread, so every watch sees changes in revision order.
 */
public final class InMemoryConfigStore extends AbstractConfigStore {
    private final Object lock = new Object();
    private final TreeMap<String, Entry> data = new TreeMap<>();
    private final Deque<Batch> history = new ArrayDeque<>();
    private final List<MemoryWatch> watches = new CopyOnWriteArrayList<>();
    private final WatchDispatcher dispatcher = new WatchDispatcher("ripple-config-watch-memory");
    private final int historyLimit;
    private long revision = 1;
    /** Revisions below this one are gone from the history. */
    private long compactRevision = 0;
    private boolean closed;

    /** One committed change set. */
    record Batch(long revision, List<ChangeEvent> events) {}

    /**
     * @param historyLimit how many revisions of history watches can resume from
     * @param maxTxnAttempts how many times a transaction runs before giving up
     */
    public InMemoryConfigStore(int historyLimit, int maxTxnAttempts) {
        super(maxTxnAttempts);
        if (historyLimit < 1) {
            throw new IllegalArgumentException("Invalid value " + historyLimit + " for historyLimit: at least 1");
        }
        this.historyLimit = historyLimit;
    }

    @Override
    public long revision() {
        synchronized (lock) {
            requireOpen();
            return revision;
        }
    }

    @Override
    Optional<Entry> read(String key) {
        synchronized (lock) {
            requireOpen();
            return Optional.ofNullable(data.get(key));
        }
    }

    @Override
    Listing range(String prefix) {
        synchronized (lock) {
            requireOpen();
            List<Entry> entries = new ArrayList<>();
            for (Entry entry : data.tailMap(prefix, true).values()) {
                if (!entry.key().startsWith(prefix)) {
                    break;
                }
                entries.add(entry);
            }
            return new Listing(revision, entries);
        }
    }

    @Override
    OptionalLong commit(Map<String, Long> expected, List<Write> writes) {
        synchronized (lock) {
            requireOpen();
            for (Map.Entry<String, Long> read : expected.entrySet()) {
                Entry current = data.get(read.getKey());
                if ((current == null ? 0 : current.modRevision()) != read.getValue()) {
                    return OptionalLong.empty();
                }
            }
            List<Write> effective = writes.stream().filter(w -> !w.isDelete() || data.containsKey(w.key())).toList();
            if (effective.isEmpty()) {
                return OptionalLong.of(revision);
            }
            long next = revision + 1;
            List<ChangeEvent> events = new ArrayList<>(effective.size());
            for (Write write : effective) {
                if (write.isDelete()) {
                    data.remove(write.key());
                    events.add(new ChangeEvent(ChangeEvent.Type.DELETE, write.key(), null, next));
                } else {
                    Entry old = data.get(write.key());
                    data.put(write.key(), old == null ? new Entry(write.key(), write.value(), next, next, 1)
                            : new Entry(write.key(), write.value(), old.createRevision(), next, old.version() + 1));
                    events.add(new ChangeEvent(ChangeEvent.Type.PUT, write.key(), write.value(), next));
                }
            }
            revision = next;
            history.addLast(new Batch(next, List.copyOf(events)));
            while (history.size() > historyLimit) {
                compactRevision = history.removeFirst().revision() + 1;
            }
            for (MemoryWatch watch : watches) {
                watch.offer(events);
            }
            return OptionalLong.of(next);
        }
    }

    @Override
    ConfigWatch watch(String keyOrPrefix, boolean prefix, long fromRevision, WatchListener listener) {
        synchronized (lock) {
            requireOpen();
            long from = fromRevision == 0 ? revision + 1 : fromRevision;
            MemoryWatch watch = new MemoryWatch(this, keyOrPrefix, prefix, from, listener, dispatcher);
            if (from < compactRevision) {
                watch.compacted(compactRevision);
                return watch;
            }
            for (Batch batch : history) {
                if (batch.revision() >= from) {
                    watch.offer(batch.events());
                }
            }
            watches.add(watch);
            return watch;
        }
    }

    void remove(MemoryWatch watch) {
        watches.remove(watch);
    }

    @Override
    public void compact(long revision) {
        synchronized (lock) {
            requireOpen();
            if (revision > this.revision) {
                throw new ConfigException("Cannot compact at revision " + revision + ": the store is at revision "
                        + this.revision);
            }
            if (revision <= compactRevision) {
                return;
            }
            while (!history.isEmpty() && history.peekFirst().revision() < revision) {
                history.removeFirst();
            }
            compactRevision = revision;
        }
    }

    @Override
    public void close() {
        synchronized (lock) {
            if (closed) {
                return;
            }
            closed = true;
        }
        watches.forEach(MemoryWatch::close);
        dispatcher.close();
    }

    private void requireOpen() {
        if (closed) {
            throw new StoreUnavailableException("The in-memory config store is closed", null);
        }
    }
}
