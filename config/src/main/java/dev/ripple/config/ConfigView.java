package dev.ripple.config;

import dev.ripple.config.internal.WatchingConfigView;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.List;

/**
 * What a component holds to follow the config: the current validated {@link ConfigSnapshot} of everything under
 * {@code /ripple/}, kept up to date by a watch, plus change notifications. A document that fails validation does
 * not take the component down: it is logged, counted ({@link ConfigMetricNames}), listed by {@link #problems()}
 * and {@code ripple config check}, and the last good version of that key stays in force.
 *
 * <p>Open from {@link #open} until {@link #close()}. (The config module sits below {@code runtime}, so a view
 * answers {@link #isOpen()} rather than a {@code runtime.lifecycle.State}; readiness maps it onto one.)
 *
 * <p>Thread-safe; {@link #snapshot()} is a volatile read, cheap enough for every event.
 */
public interface ConfigView extends AutoCloseable {

    /**
     * Reads the config and starts following it.
     *
     * @param clock for the times problems are detected at
     * @throws StoreUnavailableException if the store cannot be read
     */
    static ConfigView open(ConfigStore store, Clock clock) {
        return WatchingConfigView.open(store, clock);
    }

    /** The documents in force now. */
    ConfigSnapshot snapshot();

    /** The keys whose current value is invalid, each with its problems and the last good revision in force. */
    List<ConfigProblem> problems();

    /** {@link #problems()} and the dangling references of the snapshot, as {@code ripple config check} shows. */
    CheckReport check();

    /** Adds a listener; close the returned handle to remove it. */
    AutoCloseable addListener(ConfigListener listener);

    /** Meters of this view; bind them to a registry once. */
    MeterBinder metrics();

    /** Whether it still follows the store: true from {@link #open} until {@link #close()}. */
    boolean isOpen();

    /** Stops watching. Idempotent. */
    @Override
    void close();
}
