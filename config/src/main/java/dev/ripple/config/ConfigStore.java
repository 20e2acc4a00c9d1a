package dev.ripple.config;

import dev.ripple.config.internal.EtcdConfigStore;
import dev.ripple.config.internal.InMemoryConfigStore;
import java.util.List;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.function.Function;

/**
 * A revisioned key-value store of text values, after etcd: every committed write advances the store's revision;
 * each key carries the revision of its creation and of its last change. Reads, {@link #txn transactions} that
 * retry on conflict, and {@link #watchPrefix watches} that resume after a disconnect have the same semantics on
 * both backends, {@link #etcd etcd} and {@link #inMemory() in memory}.
 *
 * <p>The store holds text; Ripple's typed documents are read and written through {@link ConfigDocuments}, and
 * components follow them through a {@link ConfigView}.
 *
 * <p>Thread-safe. Every method may throw {@link StoreUnavailableException} when the store cannot be reached or
 * has been closed.
 */
public interface ConfigStore extends AutoCloseable {

    /** A store on etcd. Connects lazily: an unreachable etcd shows on the first call, not here. */
    static ConfigStore etcd(EtcdOptions options) {
        return new EtcdConfigStore(options);
    }

    /**
     * A store in this JVM's memory with etcd's semantics; it keeps the last 10,000 revisions of history for
     * watches (older ones are compacted). For {@code ripple up} and tests.
     */
    static ConfigStore inMemory() {
        return new InMemoryConfigStore(10_000, 100);
    }

    /** The store's current revision (1 for an empty store that was never written). */
    long revision();

    /** The entry at {@code key}, or empty. */
    Optional<Entry> get(String key);

    /** The entries whose keys start with {@code prefix}, sorted by key, with the revision they were read at. */
    Listing list(String prefix);

    /**
     * Runs {@code fn} in a transaction: its reads are tracked, its writes buffered; the writes are committed only
     * if nothing it read changed meanwhile, else {@code fn} runs again on fresh reads. So {@code fn} may run
     * several times: keep side effects out of it. An exception from {@code fn} aborts the transaction (nothing
     * written) and is rethrown.
     *
     * @return what the successful attempt of {@code fn} returned
     * @throws TxnConflictException when every one of the configured attempts met a conflict
     */
    <T> T txn(Function<Txn, T> fn);

    /** {@link #txn(Function)} for a function that returns nothing; returns the commit revision. */
    long txnRun(Consumer<Txn> fn);

    /** Creates or replaces {@code key}; returns the revision of the write. */
    long put(String key, String value);

    /** Creates {@code key}; returns the revision. @throws KeyExistsException if it exists */
    long create(String key, String value);

    /** Replaces {@code key}'s value; returns the revision. @throws KeyVanishedException if it does not exist */
    long update(String key, String value);

    /**
     * Replaces {@code key}'s value only if its mod revision is still {@code expectedModRevision} (0: only if it is
     * absent); returns the revision.
     *
     * @throws TxnConflictException if the key changed since that revision (nothing written, no retry)
     */
    long putIfUnchanged(String key, String value, long expectedModRevision);

    /** Deletes {@code key}; returns whether it existed. */
    boolean delete(String key);

    /** Deletes every key under {@code prefix} in one transaction; returns how many were deleted. */
    int deletePrefix(String prefix);

    /**
     * Watches one key. Changes after {@code fromRevision - 1} are delivered, in order, exactly once, across
     * disconnects; with {@code fromRevision} 0, changes after the current revision.
     */
    ConfigWatch watchKey(String key, long fromRevision, WatchListener listener);

    /** Watches every key under {@code prefix}; see {@link #watchKey}. */
    ConfigWatch watchPrefix(String prefix, long fromRevision, WatchListener listener);

    /**
     * Discards the history before {@code revision}: watches from earlier revisions then get
     * {@link WatchListener#onCompacted}. Current values are kept. A revision already compacted is a no-op.
     *
     * @throws ConfigException if {@code revision} is in the future
     */
    void compact(long revision);

    /** The keys of {@code entries}, in order; a convenience for listings. */
    static List<String> keys(List<Entry> entries) {
        return entries.stream().map(Entry::key).toList();
    }

    /** Ends every watch and releases connections. Idempotent. */
    @Override
    void close();
}
