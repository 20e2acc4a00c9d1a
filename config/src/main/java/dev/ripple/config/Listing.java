package dev.ripple.config;

import java.util.List;
import java.util.Objects;

/**
 * The entries under a prefix, sorted by key, as of one store revision. Watch from {@code revision + 1} to follow
 * every change after it.
 */
public record Listing(long revision, List<Entry> entries) {
    public Listing {
        entries = List.copyOf(Objects.requireNonNull(entries, "entries"));
    }
}
