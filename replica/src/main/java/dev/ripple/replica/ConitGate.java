package dev.ripple.replica;

import dev.ripple.config.ConfigView;
import dev.ripple.config.ConitDoc;
import dev.ripple.config.EnforcedConits;
import dev.ripple.events.ConitStatus;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code gate-reads} enforcement: a key of such a conit is not served by a region while the conit is past any of
 * its bounds there, according to the latest conit status. Patterns are compiled once per config revision
 * ({@link EnforcedConits}).
 * Thread-safe.
 */
public final class ConitGate implements ReadGate {
    private final EnforcedConits conits;
    private final Supplier<Map<String, ConitStatus>> statuses;

    /**
     * @param statuses the latest status of every conit, by name (the tracker's, or a feed of
     *     {@code ripple.conit-status})
     */
    public ConitGate(ConfigView view, Supplier<Map<String, ConitStatus>> statuses) {
        this.conits = new EnforcedConits(view, ConitDoc.Enforcement.GATE_READS);
        this.statuses = statuses;
    }

    @Override
    public Optional<String> closed(String region, String key) {
        for (ConitDoc conit : conits.covering(key)) {
            ConitStatus status = statuses.get().get(conit.name());
            ConitStatus.Region here = status == null ? null : status.regions().get(region);
            if (here != null && !here.withinBounds()) {
                return Optional.of("Conit '" + conit.name() + "' gates reads and region " + region
                        + " is past its bounds: " + String.join("; ", here.violations()) + ".");
            }
        }
        return Optional.empty();
    }
}
