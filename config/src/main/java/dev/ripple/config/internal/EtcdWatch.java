package dev.ripple.config.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.ripple.config.ChangeEvent;
import dev.ripple.config.ConfigWatch;
import dev.ripple.config.WatchListener;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.common.exception.CompactedException;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import io.etcd.jetcd.watch.WatchResponse;
import java.util.List;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A watch on etcd that owns its resumption. jetcd resumes a broken watch stream by itself, but from the revision
 * in its last response header, which can deliver a change twice; and it gives up on some errors. So on any error
 * this class drops jetcd's watcher and opens a new one from one past the last change delivered, with a growing
 * pause while etcd stays away, and drops changes below that revision. Compaction ends the watch, reported
 * explicitly. Every step runs on the store's dispatcher thread, which owns this object's mutable state; responses
 * of a dropped watcher are recognised by their generation and ignored.
 */
final class EtcdWatch implements ConfigWatch {
    private static final Logger log = LoggerFactory.getLogger(EtcdWatch.class);
    private static final long MIN_PAUSE_MS = 100;
    private static final long MAX_PAUSE_MS = 2_000;

    private final Watch client;
    private final ByteSequence key;
    private final boolean prefix;
    private final WatchListener listener;
    private final WatchDispatcher dispatcher;
    private volatile long nextRevision;
    private volatile boolean closed;
    // owned by the dispatcher thread
    private int generation;
    private Watch.Watcher watcher;
    private boolean disconnected;
    private long pauseMs = MIN_PAUSE_MS;

    EtcdWatch(Watch client, ByteSequence key, boolean prefix, long from, WatchListener listener,
            WatchDispatcher dispatcher) {
        this.client = client;
        this.key = key;
        this.prefix = prefix;
        this.nextRevision = from;
        this.listener = listener;
        this.dispatcher = dispatcher;
    }

    void start() {
        dispatcher.execute(this::connect);
    }

    private void connect() {
        if (closed) {
            return;
        }
        int current = ++generation;
        WatchOption option = WatchOption.builder().withRevision(nextRevision).isPrefix(prefix)
                .withCreateNotify(true).build();
        try {
            watcher = client.watch(key, option, Watch.listener(
                    response -> dispatcher.execute(() -> onResponse(current, response)),
                    error -> dispatcher.execute(() -> onError(current, error))));
        } catch (RuntimeException e) {
            onError(current, e);
        }
    }

    private void onResponse(int from, WatchResponse response) {
        if (closed || from != generation) {
            return;
        }
        if (response.isCreatedNotify()) {
            pauseMs = MIN_PAUSE_MS;
            if (disconnected) {
                disconnected = false;
                log.info("Watch on {} resumed from revision {}", key.toString(UTF_8), nextRevision);
                listener.onResumed(nextRevision);
            }
            return;
        }
        List<ChangeEvent> events = response.getEvents().stream()
                .filter(e -> e.getKeyValue().getModRevision() >= nextRevision)
                .map(EtcdWatch::event)
                .toList();
        if (!events.isEmpty()) {
            nextRevision = events.get(events.size() - 1).modRevision() + 1;
            listener.onEvents(events);
        }
    }

    private void onError(int from, Throwable error) {
        if (closed || from != generation) {
            return;
        }
        generation++;
        dropWatcher();
        if (error instanceof CompactedException compacted) {
            closed = true;
            log.warn("Watch on {} ended: revisions before {} were compacted, and it needed {}",
                    key.toString(UTF_8), compacted.getCompactedRevision(), nextRevision);
            listener.onCompacted(compacted.getCompactedRevision());
            return;
        }
        if (!disconnected) {
            disconnected = true;
            log.warn("Watch on {} lost its connection to etcd ({}); resuming from revision {}",
                    key.toString(UTF_8), error.getMessage(), nextRevision);
            listener.onDisconnected(String.valueOf(error.getMessage()));
        }
        long pause = pauseMs;
        pauseMs = Math.min(MAX_PAUSE_MS, pauseMs * 2);
        dispatcher.schedule(this::connect, pause);
    }

    private void dropWatcher() {
        Watch.Watcher old = watcher;
        watcher = null;
        if (old != null) {
            try {
                old.close();
            } catch (RuntimeException e) {
                log.debug("Closing a broken etcd watcher failed", e);
            }
        }
    }

    private static ChangeEvent event(WatchEvent event) {
        String key = event.getKeyValue().getKey().toString(UTF_8);
        long revision = event.getKeyValue().getModRevision();
        return event.getEventType() == WatchEvent.EventType.DELETE
                ? new ChangeEvent(ChangeEvent.Type.DELETE, key, null, revision)
                : new ChangeEvent(ChangeEvent.Type.PUT, key, event.getKeyValue().getValue().toString(UTF_8),
                        revision);
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
        dispatcher.execute(this::dropWatcher);
    }
}
