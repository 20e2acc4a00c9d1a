package dev.ripple.producer.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.config.ConfigDocuments;
import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.ProducerDoc;
import dev.ripple.config.ProducerTokens;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** However many producers there are, a token costs at most one PBKDF2 hash to accept or refuse. */
class ProducerAuthTest {
    private static final int PRODUCERS = 8;
    private final AtomicInteger hashes = new AtomicInteger();
    private final ProducerAuth auth = new ProducerAuth(100, (token, hash) -> {
        hashes.incrementAndGet();
        return ProducerTokens.verify(token, hash);
    });
    private ConfigStore store;
    private ConfigView view;

    @BeforeEach
    void configure() {
        store = ConfigStore.inMemory();
        store.txnRun(txn -> {
            for (int i = 0; i < PRODUCERS; i++) {
                ConfigDocuments.put(txn, ProducerDoc.withToken("p" + i, "p" + i + ".secret-of-producer-" + i,
                        List.of("*")));
            }
        });
        view = ConfigView.open(store, Clock.systemUTC());
    }

    @AfterEach
    void close() throws Exception {
        view.close();
        store.close();
    }

    @Test
    void shouldRefuseAWrongSecretOfAKnownProducerAfterOneHash() {
        assertThat(auth.verify("p7.not-the-secret-of-p7", snapshot())).isEmpty();
        assertThat(hashes).hasValue(1);
    }

    @Test
    void shouldRefuseTokensOfUnknownProducersOrOfTheWrongFormWithoutHashing() {
        assertThat(auth.verify("nobody.secret-of-producer-0", snapshot())).isEmpty();
        assertThat(auth.verify("secret-of-producer-0-without-id", snapshot())).isEmpty();
        assertThat(auth.verify("p0.short", snapshot())).isEmpty();
        assertThat(hashes).hasValue(0);
    }

    @Test
    void shouldAcceptAGoodTokenAfterOneHashAndThenFromTheCacheWithoutHashing() {
        assertThat(auth.verify("p5.secret-of-producer-5", snapshot())).map(ProducerDoc::id).contains("p5");
        assertThat(auth.cached("p5.secret-of-producer-5", snapshot())).map(ProducerDoc::id).contains("p5");
        assertThat(hashes).hasValue(1);
    }

    @Test
    void shouldForgetACachedTokenOnceItsProducerIsDisabled() {
        auth.verify("p2.secret-of-producer-2", snapshot());
        ProducerDoc p2 = snapshot().producers().get("p2");
        store.txnRun(txn -> ConfigDocuments.put(txn, new ProducerDoc("p2", p2.tokenHash(), p2.streams(), null, true)));
        org.awaitility.Awaitility.await().until(() -> snapshot().producers().get("p2").disabled());

        assertThat(auth.cached("p2.secret-of-producer-2", snapshot())).isEmpty();
        assertThat(auth.verify("p2.secret-of-producer-2", snapshot())).isEmpty();
    }

    private ConfigSnapshot snapshot() {
        return view.snapshot();
    }
}
