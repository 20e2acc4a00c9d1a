package dev.ripple.replica;

import dev.ripple.config.ConfigView;
import dev.ripple.config.ConitDoc;
import dev.ripple.config.EnforcedConits;
import dev.ripple.events.ConitStatus;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Supplier;

/**
 * {@code gate-reads} enforcement: a key of such a conit is not served by a region while, by the latest conit status,
 * the conit is past any of its bounds there, or may be: a status {@code A} ms old that measured staleness {@code S}
 * holds the region to {@code S + A} (writes since may have aged that much), so reads are held once that passes
 * {@code staleness_ms}. While no status says anything (none from the tracker, none for the region, or the latest
 * older than {@code staleness_ms}, or than {@link ConitDoc#UNKNOWN_AFTER_MS} for a conit without it) the region's
 * standing is unknown: reads are held ({@code unknown: closed}, the default) or served ({@code unknown: open}).
 * Ages are the gate's clock minus the status's {@code at} (the tracker's clock). Patterns are compiled once per config
 * revision ({@link EnforcedConits}). Thread-safe.
 */
public final class ConitGate implements ReadGate {
    private final EnforcedConits conits;
    private final Supplier<Map<String, ConitStatus>> statuses;
    private final Clock clock;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();

    /**
     * @param statuses the latest status of every conit, by name (the tracker's, or a feed of
     *     {@code ripple.conit-status})
     * @param clock what status ages are measured on
     */
    public ConitGate(ConfigView view, Supplier<Map<String, ConitStatus>> statuses, Clock clock) {
        this.conits = new EnforcedConits(view, ConitDoc.Enforcement.GATE_READS);
        this.statuses = statuses;
        this.clock = clock;
    }

    @Override
    public Optional<Closed> closed(String region, String key) {
        List<ConitDoc> covering = conits.covering(key);
        if (covering.isEmpty()) {
            return Optional.empty();
        }
        Map<String, ConitStatus> latest = statuses.get();
        long now = clock.millis();
        for (ConitDoc conit : covering) {
            Optional<Closed> closed = closed(conit, latest.get(conit.name()), region, now);
            if (closed.isPresent()) {
                return closed;
            }
        }
        return Optional.empty();
    }

    private static Optional<Closed> closed(ConitDoc conit, ConitStatus status, String region, long now) {
        ConitStatus.Region here = status == null ? null : status.regions().get(region);
        Long bound = conit.bounds() == null ? null : conit.bounds().stalenessMs();
        long maxAge = bound == null ? ConitDoc.UNKNOWN_AFTER_MS : bound;
        String name = "Conit '" + conit.name() + "' gates reads";
        if (here == null) {
            return conit.closedWhenUnknown() ? Optional.of(Closed.unknown(name + ", and the conit tracker has given no "
                    + "status of it for region " + region + ": whether " + region + " is within its bounds is "
                    + "unknown.")) : Optional.empty();
        }
        long age = Math.max(0, now - status.at().toEpochMilli());
        if (age > maxAge) {
            return conit.closedWhenUnknown() ? Optional.of(Closed.unknown(name + ", and its latest status is " + age
                    + " ms old, more than " + maxAge + " ms: the conit tracker is down or behind, so whether region "
                    + region + " is within its bounds is unknown.")) : Optional.empty();
        }
        if (!here.withinBounds()) {
            return Optional.of(Closed.exceeded(name + " and region " + region + " is past its bounds: "
                    + String.join("; ", here.violations()) + "."));
        }
        if (bound != null && here.stalenessMs() + age > bound) {
            return Optional.of(Closed.exceeded(name + " and region " + region + " may be past staleness_ms " + bound
                    + ": it was " + here.stalenessMs() + " ms stale " + age + " ms ago."));
        }
        return Optional.empty();
    }

    @Override
    public void onChange(Runnable listener) {
        listeners.add(listener);
    }

    /** Tells the gate that a new status arrived: reads held by it are checked again. Call from the status source. */
    public void statusesChanged() {
        listeners.forEach(Runnable::run);
    }
}
