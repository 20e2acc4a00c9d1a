package dev.ripple.bench.faults;

import java.time.Duration;
import java.util.Objects;

/**
 * One fault injected, and how the stack came through it.
 *
 * @param kind what was done
 * @param target what it hit, e.g. {@code replica eqiad #1} or {@code redis}
 * @param pid the process it hit
 * @param atMs when it was injected, in milliseconds since the load started
 * @param held how long the fault lasted before it was cleared: the pause, etcd's downtime, zero for a kill
 * @param recovery from clearing the fault until the stack recovered (every session had a write acknowledged and
 *     read back with its token, and for a consumer group the surviving members owned every partition); null when
 *     it did not recover within the run's recovery timeout
 * @param replaced for a kill, how long the replacement instance took to be ready; null for other faults, or when
 *     it did not start
 */
public record Fault(FaultKind kind, String target, long pid, long atMs, Duration held, Duration recovery,
        Duration replaced) {
    public Fault {
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(held, "held");
    }

    /** Whether the stack recovered within the timeout. */
    public boolean recovered() {
        return recovery != null;
    }
}
