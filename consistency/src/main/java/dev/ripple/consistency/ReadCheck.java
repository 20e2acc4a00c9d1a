package dev.ripple.consistency;

import java.util.List;
import java.util.Objects;

/**
 * The verdict of {@link SessionGuarantees#checkRead}: may a region serve a session's read now, and if not,
 * what it still lacks (for the 409 problem body and for deciding how long to wait).
 *
 * @param servable true iff the region's applied position dominates the session vector
 * @param missing the partitions where the region is behind the session, with the gap; empty iff servable
 */
public record ReadCheck(boolean servable, List<Position.Shortfall> missing) {

    /** @throws IllegalArgumentException if {@code servable} disagrees with {@code missing} */
    public ReadCheck {
        missing = List.copyOf(Objects.requireNonNull(missing, "missing"));
        if (servable != missing.isEmpty()) {
            throw new IllegalArgumentException("Invalid read check: servable=" + servable + " with " + missing.size()
                    + " missing entries");
        }
    }

    /** @return the largest gap in offsets across the missing partitions, 0 when servable */
    public long maxGap() {
        return missing.stream().mapToLong(Position.Shortfall::gap).max().orElse(0);
    }
}
