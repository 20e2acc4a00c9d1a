package dev.ripple.config;

import java.time.Instant;
import java.util.List;
import java.util.Objects;

/**
 * What is wrong with the document at one key.
 *
 * @param key the store key
 * @param modRevision revision of the offending value; 0 if it was never stored (an import refused)
 * @param problems at least one
 * @param lastGoodRevision for a {@link ConfigView}: the revision of the valid version still in force, or null
 *     when none is (the key is then absent from the snapshot)
 * @param detectedAt when it was found, or null
 */
public record ConfigProblem(String key, long modRevision, List<Problem> problems, Long lastGoodRevision,
        Instant detectedAt) {
    public ConfigProblem {
        Objects.requireNonNull(key, "key");
        problems = List.copyOf(problems);
        if (problems.isEmpty()) {
            throw new IllegalArgumentException("A ConfigProblem needs at least one problem");
        }
    }

    /** One line: {@code /ripple/rules/x (revision 12): match.key: …; streams: …}. */
    public String describe() {
        StringBuilder out = new StringBuilder(key);
        if (modRevision > 0) {
            out.append(" (revision ").append(modRevision).append(')');
        }
        out.append(": ");
        for (int i = 0; i < problems.size(); i++) {
            out.append(i == 0 ? "" : "; ").append(problems.get(i));
        }
        if (lastGoodRevision != null) {
            out.append(" [the version of revision ").append(lastGoodRevision).append(" stays in force]");
        }
        return out.toString();
    }
}
