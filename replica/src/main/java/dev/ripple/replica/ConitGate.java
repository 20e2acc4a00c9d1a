package dev.ripple.replica;

import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.ConfigView;
import dev.ripple.config.ConitDoc;
import dev.ripple.events.ConitStatus;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code gate-reads} enforcement: a key of such a conit is not served by a region while the conit is past any of
 * its bounds there, according to the latest conit status. Patterns are compiled once per config revision.
 * Thread-safe.
 */
public final class ConitGate implements ReadGate {
    private record Gated(String name, Pattern keys) {}

    private record Compiled(long revision, List<Gated> conits) {}

    private final ConfigView view;
    private final Supplier<Map<String, ConitStatus>> statuses;
    private final AtomicReference<Compiled> compiled = new AtomicReference<>(new Compiled(-1, List.of()));

    /**
     * @param statuses the latest status of every conit, by name (the tracker's, or a feed of
     *     {@code ripple.conit-status})
     */
    public ConitGate(ConfigView view, Supplier<Map<String, ConitStatus>> statuses) {
        this.view = view;
        this.statuses = statuses;
    }

    @Override
    public Optional<String> closed(String region, String key) {
        for (Gated conit : conits().conits()) {
            if (!conit.keys().matcher(key).matches()) {
                continue;
            }
            ConitStatus status = statuses.get().get(conit.name());
            ConitStatus.Region here = status == null ? null : status.regions().get(region);
            if (here != null && !here.withinBounds()) {
                return Optional.of("Conit '" + conit.name() + "' gates reads and region " + region
                        + " is past its bounds: " + String.join("; ", here.violations()) + ".");
            }
        }
        return Optional.empty();
    }

    private Compiled conits() {
        ConfigSnapshot snapshot = view.snapshot();
        Compiled current = compiled.get();
        if (current.revision() == snapshot.revision()) {
            return current;
        }
        Compiled fresh = new Compiled(snapshot.revision(), snapshot.conits().values().stream()
                .filter(c -> c.enforcement() == ConitDoc.Enforcement.GATE_READS)
                .map(c -> new Gated(c.name(), c.keys().compile())).toList());
        compiled.set(fresh);
        return fresh;
    }
}
