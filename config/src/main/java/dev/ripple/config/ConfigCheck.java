package dev.ripple.config;

import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Checks every document under {@code /ripple/} in a store, as of one revision. This is what an operator runs
 * against etcd; a running process answers with its {@link ConfigView#check()}, which also knows which last good
 * versions it keeps in force.
 */
public final class ConfigCheck {
    private ConfigCheck() {}

    /** @throws StoreUnavailableException if the store cannot be read */
    public static CheckReport run(ConfigStore store, Clock clock) {
        Listing listing = store.list(ConfigKeys.ROOT);
        Instant now = clock.instant();
        List<ConfigDocument> valid = new ArrayList<>();
        List<ConfigProblem> invalid = new ArrayList<>();
        for (Entry entry : listing.entries()) {
            try {
                valid.add(ConfigDocuments.read(entry));
            } catch (InvalidDocumentException e) {
                invalid.add(new ConfigProblem(entry.key(), entry.modRevision(), e.problems(), null, now));
            }
        }
        ConfigSnapshot snapshot = ConfigSnapshot.of(listing.revision(), valid);
        return new CheckReport(listing.revision(), valid.size(), invalid, snapshot.danglingReferences(now));
    }
}
