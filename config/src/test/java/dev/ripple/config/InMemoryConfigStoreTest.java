package dev.ripple.config;

import dev.ripple.config.internal.InMemoryConfigStore;

/** The store contract on the in-memory backend. */
class InMemoryConfigStoreTest extends ConfigStoreContract {
    @Override
    protected ConfigStore newStore(int maxTxnAttempts) {
        return new InMemoryConfigStore(10_000, maxTxnAttempts);
    }
}
