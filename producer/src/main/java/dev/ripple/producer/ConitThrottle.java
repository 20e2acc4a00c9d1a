package dev.ripple.producer;

import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.ConfigView;
import dev.ripple.config.ConitDoc;
import dev.ripple.events.ConitStatus;
import dev.ripple.events.EditEvent;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * {@code throttle-writes} enforcement (DESIGN.md section 6.2): a write to a key of such a conit is turned away
 * with 429 while any region holds more than the conit's {@code max_unapplied} unapplied writes of it, and let
 * through again as soon as every region is back within that bound. Conit patterns are compiled once per config
 * revision. Thread-safe.
 */
public final class ConitThrottle implements WriteThrottle {
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private record Compiled(long revision, List<Throttled> conits) {}

    private record Throttled(ConitDoc doc, Pattern keys) {}

    private final ConfigView view;
    private final Supplier<Map<String, ConitStatus>> statuses;
    private final AtomicReference<Compiled> compiled = new AtomicReference<>(new Compiled(-1, List.of()));

    /**
     * @param statuses the latest status of every conit, by name (the tracker's, or a feed of
     *     {@code ripple.conit-status})
     */
    public ConitThrottle(ConfigView view, Supplier<Map<String, ConitStatus>> statuses) {
        this.view = view;
        this.statuses = statuses;
    }

    @Override
    public Optional<WriteThrottle.Throttled> check(EditEvent event) {
        for (Throttled conit : conits().conits()) {
            if (!conit.keys().matcher(event.key()).matches()) {
                continue;
            }
            ConitStatus status = statuses.get().get(conit.doc().name());
            Long max = conit.doc().bounds() == null ? null : conit.doc().bounds().maxUnapplied();
            if (status == null || max == null) {
                continue;
            }
            for (Map.Entry<String, ConitStatus.Region> region : status.regions().entrySet()) {
                if (region.getValue().orderError() > max) {
                    return Optional.of(new WriteThrottle.Throttled(RETRY_AFTER, "Conit '" + conit.doc().name()
                            + "' throttles writes: region " + region.getKey() + " has " + region.getValue()
                            .orderError() + " unapplied writes, over max_unapplied " + max));
                }
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
                .filter(c -> c.enforcement() == ConitDoc.Enforcement.THROTTLE_WRITES)
                .map(c -> new Throttled(c, c.keys().compile())).toList());
        compiled.set(fresh);
        return fresh;
    }
}
