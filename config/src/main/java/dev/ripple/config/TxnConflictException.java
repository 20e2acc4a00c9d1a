package dev.ripple.config;

import java.util.Set;

/**
 * A transaction was re-run {@code attempts} times and every commit found that something it read had changed
 * meanwhile. Nothing was written. The keys are those read by the last attempt; a writer racing on them is the cause.
 */
public final class TxnConflictException extends ConfigException {
    private final int attempts;
    private final Set<String> contendedKeys;

    public TxnConflictException(int attempts, Set<String> contendedKeys) {
        super("Transaction gave up after " + attempts + " attempts: each commit found a key it read changed by "
                + "another writer (keys read: " + contendedKeys + "). Nothing was written; retry later or "
                + "raise maxTxnAttempts.");
        this.attempts = attempts;
        this.contendedKeys = Set.copyOf(contendedKeys);
    }

    public int attempts() {
        return attempts;
    }

    /** The keys the last attempt read, one or more of which another writer changed. */
    public Set<String> contendedKeys() {
        return contendedKeys;
    }
}
