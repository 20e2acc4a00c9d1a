package dev.ripple.config.internal;

import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigWatch;
import dev.ripple.config.Entry;
import dev.ripple.config.KeyExistsException;
import dev.ripple.config.KeyVanishedException;
import dev.ripple.config.Listing;
import dev.ripple.config.StoreUnavailableException;
import dev.ripple.config.Txn;
import dev.ripple.config.TxnConflictException;
import dev.ripple.config.WatchListener;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.Set;
import java.util.concurrent.ThreadLocalRandom;
import java.util.function.Consumer;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The {@link ConfigStore} API, transactions included, on four backend primitives: read a key, read a prefix,
 * commit writes if the read set is unchanged, and watch. Both backends share this class, so their transaction
 * semantics cannot drift apart.
 */
public abstract class AbstractConfigStore implements ConfigStore {
    private static final Logger log = LoggerFactory.getLogger(AbstractConfigStore.class);
    private static final int MAX_BACKOFF_MS = 50;

    private final int maxTxnAttempts;

    protected AbstractConfigStore(int maxTxnAttempts) {
        this.maxTxnAttempts = maxTxnAttempts;
    }

    abstract Optional<Entry> read(String key);

    abstract Listing range(String prefix);

    /**
     * Applies {@code writes} atomically if every key in {@code expected} still has that mod revision (0: absent).
     *
     * @return the store revision after the commit, or empty if a compare failed (nothing written)
     */
    abstract OptionalLong commit(Map<String, Long> expected, List<Write> writes);

    abstract ConfigWatch watch(String keyOrPrefix, boolean prefix, long fromRevision, WatchListener listener);

    @Override
    public Optional<Entry> get(String key) {
        return read(Keys.requireKey(key));
    }

    @Override
    public Listing list(String prefix) {
        return range(Keys.requirePrefix(prefix));
    }

    @Override
    public <T> T txn(Function<Txn, T> fn) {
        return run(fn).value();
    }

    @Override
    public long txnRun(Consumer<Txn> fn) {
        return run(txn -> {
            fn.accept(txn);
            return null;
        }).revision();
    }

    private <T> Committed<T> run(Function<Txn, T> fn) {
        Objects.requireNonNull(fn, "fn");
        TxnAttempt attempt = null;
        for (int i = 1; i <= maxTxnAttempts; i++) {
            attempt = new TxnAttempt(this);
            T value = fn.apply(attempt);
            OptionalLong revision = commit(attempt.readSet(), attempt.writes());
            if (revision.isPresent()) {
                return new Committed<>(value, revision.getAsLong());
            }
            log.debug("Transaction attempt {} conflicted on {}; running it again", i, attempt.readSet().keySet());
            backOff(i);
        }
        throw new TxnConflictException(maxTxnAttempts, attempt.readSet().keySet());
    }

    /** Random, growing pauses after conflicts, so that contending writers stop colliding in lockstep. */
    private static void backOff(int attempt) {
        int bound = Math.min(MAX_BACKOFF_MS, 1 << Math.min(attempt, 6));
        try {
            Thread.sleep(ThreadLocalRandom.current().nextInt(bound + 1));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("Interrupted while retrying a transaction; nothing was written", e);
        }
    }

    @Override
    public long put(String key, String value) {
        return txnRun(txn -> txn.put(key, value));
    }

    @Override
    public long create(String key, String value) {
        return txnRun(txn -> txn.create(key, value));
    }

    @Override
    public long update(String key, String value) {
        return txnRun(txn -> txn.update(key, value));
    }

    @Override
    public long putIfUnchanged(String key, String value, long expectedModRevision) {
        Keys.requireKey(key);
        OptionalLong revision = commit(Map.of(key, expectedModRevision),
                List.of(new Write(key, Keys.requireValue(key, value))));
        if (revision.isEmpty()) {
            boolean exists = read(key).isPresent();
            if (!exists && expectedModRevision != 0) {
                throw new KeyVanishedException(key);
            }
            if (exists && expectedModRevision == 0) {
                throw new KeyExistsException(key);
            }
            throw new TxnConflictException(1, Set.of(key));
        }
        return revision.getAsLong();
    }

    @Override
    public boolean delete(String key) {
        return txn(txn -> txn.delete(key));
    }

    @Override
    public int deletePrefix(String prefix) {
        Keys.requirePrefix(prefix);
        return txn(txn -> {
            List<Entry> entries = txn.list(prefix);
            entries.forEach(e -> txn.delete(e.key()));
            return entries.size();
        });
    }

    @Override
    public ConfigWatch watchKey(String key, long fromRevision, WatchListener listener) {
        return watch(Keys.requireKey(key), false, requireRevision(fromRevision), Objects.requireNonNull(listener));
    }

    @Override
    public ConfigWatch watchPrefix(String prefix, long fromRevision, WatchListener listener) {
        return watch(Keys.requirePrefix(prefix), true, requireRevision(fromRevision),
                Objects.requireNonNull(listener));
    }

    private static long requireRevision(long revision) {
        if (revision < 0) {
            throw new IllegalArgumentException("Invalid value " + revision + " for fromRevision: 0 or more");
        }
        return revision;
    }

    private record Committed<T>(T value, long revision) {}
}
