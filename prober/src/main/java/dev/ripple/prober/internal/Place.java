package dev.ripple.prober.internal;

import java.util.Objects;

/**
 * Where a look's finding counts: a region and its {@code target} label ({@code replica} or {@code purge/<name>}), one
 * series of the prober's meters.
 */
public record Place(String region, String label) {
    public Place {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(label, "label");
    }

    @Override
    public String toString() {
        return region + " " + label;
    }
}
