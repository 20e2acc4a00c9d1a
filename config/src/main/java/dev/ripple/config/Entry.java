package dev.ripple.config;

import java.util.Objects;

/**
 * A key and its value as stored, with etcd's revision bookkeeping (the in-memory store keeps the same).
 *
 * @param key the full key, e.g. {@code /ripple/rules/page-edits}
 * @param value the stored text (JSON for Ripple's documents, but the store holds any text)
 * @param createRevision store revision at which the key was created
 * @param modRevision store revision of the last write to the key; compare it to detect changes
 * @param version number of writes since the key was created (1 after creation)
 *     <p>Inside a transaction, a key written by that transaction and read back has all three at 0 until commit.
 */
public record Entry(String key, String value, long createRevision, long modRevision, long version) {
    public Entry {
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(value, "value");
        if (modRevision < createRevision || createRevision < 0 || version < 0) {
            throw new IllegalArgumentException("Invalid revisions for " + key + ": create " + createRevision
                    + ", mod " + modRevision + ", version " + version);
        }
    }
}
