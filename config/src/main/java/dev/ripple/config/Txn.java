package dev.ripple.config;

import java.util.List;
import java.util.Optional;

/**
 * One attempt of a transaction ({@link ConfigStore#txn}). Reads go to the store and are remembered; writes are
 * buffered and visible to later reads of this attempt; at the end, the writes are committed only if no key read
 * has changed since it was read, else the whole function runs again. A prefix read remembers each key it
 * returned, not the range: a key created under the prefix meanwhile does not cause a re-run.
 *
 * <p>Not thread-safe: use it only inside the function it was passed to.
 */
public interface Txn {
    /** The entry at {@code key}, or empty; either way the key joins the read set. */
    Optional<Entry> get(String key);

    /** The entries under {@code prefix}, sorted by key, including this attempt's writes. */
    List<Entry> list(String prefix);

    /** Writes a new key. @throws KeyExistsException if the key exists */
    void create(String key, String value);

    /** Replaces an existing key's value. @throws KeyVanishedException if the key does not exist */
    void update(String key, String value);

    /** Creates or replaces. The key does not join the read set: a blind write. */
    void put(String key, String value);

    /** Deletes {@code key}; returns whether it existed (the key joins the read set). */
    boolean delete(String key);
}
