package dev.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.config.internal.InMemoryConfigStore;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The store contract on the in-memory backend. */
class InMemoryConfigStoreTest extends ConfigStoreContract {
    @Override
    protected ConfigStore newStore(int maxTxnAttempts) {
        return new InMemoryConfigStore(10_000, maxTxnAttempts);
    }

    @Test
    void shouldCompactHistoryBeyondItsLimitAndSayFromWhichRevisionItHasIt() {
        try (ConfigStore store = new InMemoryConfigStore(2, 10)) {
            long first = store.put("/t/a", "1");
            store.put("/t/a", "2");
            long third = store.put("/t/a", "3");
            RecordingListener tooOld = new RecordingListener();
            RecordingListener recent = new RecordingListener();

            store.watchPrefix("/t/", first, tooOld);
            store.watchPrefix("/t/", third - 1, recent);

            await().atMost(Duration.ofSeconds(5)).until(() -> tooOld.compactedAt.get() > 0
                    && recent.events.size() == 2);
            assertThat(tooOld.compactedAt.get()).isEqualTo(third - 1);
            assertThat(recent.summary()).containsExactly("PUT /t/a=2", "PUT /t/a=3");
        }
    }
}
