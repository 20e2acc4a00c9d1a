package dev.ripple.config;

import java.util.List;

/**
 * The health of the config as {@code ripple config check} shows it.
 *
 * @param revision the store revision checked
 * @param documents how many valid documents are in force
 * @param invalid documents that fail validation (or keys outside the layout), which are not in force
 * @param dangling valid documents that name a stream or region that does not exist; they are in force
 */
public record CheckReport(long revision, int documents, List<ConfigProblem> invalid, List<ConfigProblem> dangling) {
    public CheckReport {
        invalid = List.copyOf(invalid);
        dangling = List.copyOf(dangling);
    }

    /** Whether there is nothing to report. */
    public boolean ok() {
        return invalid.isEmpty() && dangling.isEmpty();
    }
}
