package dev.ripple.config.internal;

import dev.ripple.config.ChangeEvent;
import dev.ripple.config.CheckReport;
import dev.ripple.config.ConfigDocument;
import dev.ripple.config.ConfigDocuments;
import dev.ripple.config.ConfigKeys;
import dev.ripple.config.ConfigListener;
import dev.ripple.config.ConfigProblem;
import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.ConfigWatch;
import dev.ripple.config.Entry;
import dev.ripple.config.InvalidDocumentException;
import dev.ripple.config.Listing;
import dev.ripple.config.WatchListener;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A {@link ConfigView} fed by a prefix watch on {@code /ripple/}. Per key it keeps the version in force and, when
 * the current value is invalid, the problem; the snapshot is rebuilt after each batch of changes. After a
 * compaction it reloads everything and watches again, keeping last good versions of still-invalid keys.
 */
public final class WatchingConfigView implements ConfigView, WatchListener {
    private static final Logger log = LoggerFactory.getLogger(WatchingConfigView.class);

    /** A key's state: the valid version in force (or null) and the problem of its current value (or null). */
    private record Held(ConfigDocument inForce, long inForceRevision, ConfigProblem problem) {}

    private final ConfigStore store;
    private final Clock clock;
    private final ViewMetrics metrics = new ViewMetrics(this);
    private final List<ConfigListener> listeners = new CopyOnWriteArrayList<>();
    private final Map<String, Held> held = new TreeMap<>();
    private final AtomicBoolean open = new AtomicBoolean(true);
    private volatile ConfigSnapshot snapshot = ConfigSnapshot.EMPTY;
    private volatile List<ConfigProblem> problems = List.of();
    private ConfigWatch watch;

    private WatchingConfigView(ConfigStore store, Clock clock) {
        this.store = store;
        this.clock = clock;
    }

    public static WatchingConfigView open(ConfigStore store, Clock clock) {
        WatchingConfigView view = new WatchingConfigView(store, clock);
        view.load();
        log.info("Config view at revision {}: {} documents, {} invalid", view.snapshot.revision(),
                view.snapshot.documents().size(), view.problems.size());
        return view;
    }

    private synchronized void load() {
        Listing listing = store.list(ConfigKeys.ROOT);
        Map<String, Held> previous = new TreeMap<>(held);
        held.clear();
        for (Entry entry : listing.entries()) {
            Held before = previous.get(entry.key());
            held.put(entry.key(), before);
            apply(entry.key(), entry.value(), entry.modRevision());
        }
        publish(listing.revision());
        if (watch != null) {
            watch.close(); // ended by the compaction already; closing again is harmless
        }
        watch = store.watchPrefix(ConfigKeys.ROOT, listing.revision() + 1, this);
    }

    @Override
    public synchronized void onEvents(List<ChangeEvent> events) {
        if (!open.get()) {
            return;
        }
        for (ChangeEvent event : events) {
            if (event.type() == ChangeEvent.Type.DELETE) {
                held.remove(event.key());
            } else {
                apply(event.key(), event.value(), event.modRevision());
            }
        }
        publish(events.get(events.size() - 1).modRevision());
    }

    @Override
    public synchronized void onCompacted(long compactRevision) {
        if (!open.get()) {
            return;
        }
        log.warn("Config history before revision {} was compacted while this view caught up; reloading",
                compactRevision);
        metrics.reloaded();
        load();
    }

    private void apply(String key, String value, long revision) {
        Held before = held.get(key);
        try {
            held.put(key, new Held(ConfigDocuments.parse(key, value), revision, null));
        } catch (InvalidDocumentException e) {
            Long lastGood = before == null || before.inForce() == null ? null : before.inForceRevision();
            ConfigProblem problem = new ConfigProblem(key, revision, e.problems(), lastGood, clock.instant());
            held.put(key, new Held(before == null ? null : before.inForce(), lastGood == null ? 0 : lastGood,
                    problem));
            metrics.rejected(key);
            log.warn("Ignoring invalid config {}", problem.describe()
                    + (lastGood == null ? " [nothing in force for this key]" : ""));
        }
    }

    private void publish(long revision) {
        ConfigSnapshot previous = snapshot;
        ConfigSnapshot current = ConfigSnapshot.of(revision,
                held.values().stream().map(Held::inForce).filter(d -> d != null).toList());
        snapshot = current;
        problems = held.values().stream().map(Held::problem).filter(p -> p != null).toList();
        if (!previous.documents().equals(current.documents())) {
            for (ConfigListener listener : listeners) {
                try {
                    listener.onChange(previous, current);
                } catch (RuntimeException e) {
                    log.error("A config listener failed on revision {}", revision, e);
                }
            }
        }
    }

    @Override
    public ConfigSnapshot snapshot() {
        return snapshot;
    }

    @Override
    public List<ConfigProblem> problems() {
        return problems;
    }

    @Override
    public CheckReport check() {
        ConfigSnapshot current = snapshot;
        return new CheckReport(current.revision(), current.documents().size(), problems,
                current.danglingReferences(clock.instant()));
    }

    @Override
    public AutoCloseable addListener(ConfigListener listener) {
        listeners.add(listener);
        return () -> listeners.remove(listener);
    }

    @Override
    public MeterBinder metrics() {
        return metrics;
    }

    @Override
    public boolean isOpen() {
        return open.get();
    }

    @Override
    public synchronized void close() {
        if (open.getAndSet(false) && watch != null) {
            watch.close();
        }
    }
}
