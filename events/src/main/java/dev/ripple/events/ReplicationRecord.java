package dev.ripple.events;

import dev.ripple.consistency.Position;
import java.util.Objects;

/**
 * An edit to apply to a region's replica (DESIGN.md sections 4, 5.2, 6.3). The applier applies it only once the
 * region's applied position covers {@code deps}, and only if its dot (and revision) is newer than what the store
 * holds.
 *
 * @param event the edit event as accepted on the source topic
 * @param source where the event sits in the source log; its dot is the write's version
 * @param deps the writer's session vector at publish time: writes this one must not overtake
 * @param rule the rule that routed it here
 * @param trace hop times so far
 */
public record ReplicationRecord(EditEvent event, SourcePosition source, Position deps, RuleRef rule, Trace trace)
        implements RegionRecord {
    public ReplicationRecord {
        Objects.requireNonNull(event, "event");
        Objects.requireNonNull(source, "source");
        Objects.requireNonNull(deps, "deps");
        Objects.requireNonNull(rule, "rule");
        Objects.requireNonNull(trace, "trace");
    }

    /** The resource key (also the Kafka key). */
    public String key() {
        return event.key();
    }
}
