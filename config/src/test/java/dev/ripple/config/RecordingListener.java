package dev.ripple.config;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;

/** Records what a watch delivers, for assertions. */
final class RecordingListener implements WatchListener {
    final List<ChangeEvent> events = new CopyOnWriteArrayList<>();
    final List<String> disconnects = new CopyOnWriteArrayList<>();
    final List<Long> resumes = new CopyOnWriteArrayList<>();
    final AtomicLong compactedAt = new AtomicLong(-1);

    @Override
    public void onEvents(List<ChangeEvent> batch) {
        events.addAll(batch);
    }

    @Override
    public void onCompacted(long compactRevision) {
        compactedAt.set(compactRevision);
    }

    @Override
    public void onDisconnected(String reason) {
        disconnects.add(reason);
    }

    @Override
    public void onResumed(long fromRevision) {
        resumes.add(fromRevision);
    }

    /** Events as {@code TYPE key=value}, for readable assertions. */
    List<String> summary() {
        return events.stream().map(e -> e.type() + " " + e.key() + (e.value() == null ? "" : "=" + e.value()))
                .toList();
    }
}
