package dev.ripple.producer;

import dev.ripple.config.ConfigView;
import dev.ripple.config.ConitDoc;
import dev.ripple.config.EnforcedConits;
import dev.ripple.events.ConitStatus;
import dev.ripple.events.EditEvent;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * {@code throttle-writes} enforcement (DESIGN.md section 6.2): a write to a key of such a conit is turned away
 * with 429 while any region holds more than the conit's {@code max_unapplied} unapplied writes of it, and let
 * through again as soon as every region is back within that bound. Conit patterns are compiled once per config
 * revision ({@link EnforcedConits}). Thread-safe.
 */
public final class ConitThrottle implements WriteThrottle {
    private static final Duration RETRY_AFTER = Duration.ofSeconds(1);

    private final EnforcedConits conits;
    private final Supplier<Map<String, ConitStatus>> statuses;

    /**
     * @param statuses the latest status of every conit, by name (the tracker's, or a feed of
     *     {@code ripple.conit-status})
     */
    public ConitThrottle(ConfigView view, Supplier<Map<String, ConitStatus>> statuses) {
        this.conits = new EnforcedConits(view, ConitDoc.Enforcement.THROTTLE_WRITES);
        this.statuses = statuses;
    }

    @Override
    public Optional<WriteThrottle.Throttled> check(EditEvent event) {
        for (ConitDoc conit : conits.covering(event.key())) {
            ConitStatus status = statuses.get().get(conit.name());
            Long max = conit.bounds() == null ? null : conit.bounds().maxUnapplied();
            if (status == null || max == null) {
                continue;
            }
            for (Map.Entry<String, ConitStatus.Region> region : status.regions().entrySet()) {
                if (region.getValue().orderError() > max) {
                    return Optional.of(new WriteThrottle.Throttled(RETRY_AFTER, "Conit '" + conit.name()
                            + "' throttles writes: region " + region.getKey() + " has " + region.getValue()
                            .orderError() + " unapplied writes, over max_unapplied " + max));
                }
            }
        }
        return Optional.empty();
    }
}
