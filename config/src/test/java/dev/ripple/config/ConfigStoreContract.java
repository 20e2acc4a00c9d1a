package dev.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * The semantics every {@link ConfigStore} backend must have. Subclasses give a fresh, empty store per test;
 * {@code InMemoryConfigStoreTest} and {@code EtcdConfigStoreIT} run the same tests.
 */
abstract class ConfigStoreContract {
    private static final Duration WAIT = Duration.ofSeconds(10);
    private final List<ConfigStore> opened = new ArrayList<>();

    /** A store holding no keys under {@code /}; {@code maxTxnAttempts} bounds its transaction loop. */
    protected abstract ConfigStore newStore(int maxTxnAttempts);

    protected ConfigStore store() {
        return open(100);
    }

    protected ConfigStore open(int maxTxnAttempts) {
        ConfigStore store = newStore(maxTxnAttempts);
        opened.add(store);
        return store;
    }

    @AfterEach
    void closeStores() {
        opened.forEach(ConfigStore::close);
    }

    @Test
    void shouldAdvanceTheRevisionOnEachWriteAndKeepCreateAndModRevisions() {
        ConfigStore store = store();
        long before = store.revision();

        long created = store.create("/t/a", "1");
        long updated = store.update("/t/a", "2");

        assertThat(created).isGreaterThan(before);
        assertThat(updated).isEqualTo(created + 1);
        assertThat(store.get("/t/a")).hasValueSatisfying(entry -> {
            assertThat(entry.value()).isEqualTo("2");
            assertThat(entry.createRevision()).isEqualTo(created);
            assertThat(entry.modRevision()).isEqualTo(updated);
            assertThat(entry.version()).isEqualTo(2);
        });
        assertThat(store.revision()).isEqualTo(updated);
    }

    @Test
    void shouldRefuseToCreateAnExistingKeyNamingIt() {
        ConfigStore store = store();
        store.put("/t/regions/eqiad", "{}");

        assertThatThrownBy(() -> store.create("/t/regions/eqiad", "{\"x\":1}"))
                .isInstanceOf(KeyExistsException.class)
                .hasMessageContaining("/t/regions/eqiad")
                .extracting(e -> ((KeyExistsException) e).key()).isEqualTo("/t/regions/eqiad");
        assertThat(store.get("/t/regions/eqiad")).map(Entry::value).contains("{}");
    }

    @Test
    void shouldRefuseToUpdateAMissingKeyNamingIt() {
        ConfigStore store = store();

        assertThatThrownBy(() -> store.update("/t/regions/nowhere", "{}"))
                .isInstanceOf(KeyVanishedException.class)
                .hasMessageContaining("/t/regions/nowhere");
        assertThat(store.get("/t/regions/nowhere")).isEmpty();
    }

    @Test
    void shouldListAPrefixSortedByKeyAndNothingBesideIt() {
        ConfigStore store = store();
        store.put("/t/rules/b", "2");
        store.put("/t/rules/a", "1");
        store.put("/t/rulesets/x", "3");
        store.put("/t/regions/a", "4");

        Listing listing = store.list("/t/rules/");

        assertThat(ConfigStore.keys(listing.entries())).containsExactly("/t/rules/a", "/t/rules/b");
        assertThat(listing.revision()).isEqualTo(store.revision());
    }

    @Test
    void shouldWriteEverythingOfATransactionAtOneRevisionAndShowItsOwnWritesInside() {
        ConfigStore store = store();

        long revision = store.txnRun(txn -> {
            txn.create("/t/a", "1");
            txn.put("/t/b", "2");
            assertThat(txn.get("/t/a")).map(Entry::value).contains("1");
            assertThat(ConfigStore.keys(txn.list("/t/"))).containsExactly("/t/a", "/t/b");
        });

        assertThat(store.get("/t/a")).map(Entry::modRevision).contains(revision);
        assertThat(store.get("/t/b")).map(Entry::modRevision).contains(revision);
    }

    @Test
    void shouldRunTheFunctionAgainOnFreshReadsWhenAKeyItReadChangedBeforeCommit() {
        ConfigStore store = store();
        store.put("/t/counter", "0");
        AtomicInteger runs = new AtomicInteger();

        store.txnRun(txn -> {
            int value = Integer.parseInt(txn.get("/t/counter").orElseThrow().value());
            if (runs.incrementAndGet() == 1) {
                store.put("/t/counter", "10"); // another writer, between this read and the commit
            }
            txn.update("/t/counter", String.valueOf(value + 1));
        });

        assertThat(runs).hasValue(2);
        assertThat(store.get("/t/counter")).map(Entry::value).contains("11");
    }

    @Test
    void shouldRunAgainWhenAKeyItListedWasChangedMeanwhile() {
        ConfigStore store = store();
        store.put("/t/rules/a", "1");
        AtomicInteger runs = new AtomicInteger();

        int listed = store.txn(txn -> {
            int size = txn.list("/t/rules/").size();
            if (runs.incrementAndGet() == 1) {
                store.delete("/t/rules/a");
            }
            txn.put("/t/rule-count", String.valueOf(size));
            return size;
        });

        assertThat(runs).hasValue(2);
        assertThat(listed).isZero();
        assertThat(store.get("/t/rule-count")).map(Entry::value).contains("0");
    }

    @Test
    void shouldGiveUpWithATypedErrorAfterTheConfiguredAttemptsAndWriteNothing() {
        ConfigStore store = open(3);
        store.put("/t/hot", "0");
        AtomicInteger runs = new AtomicInteger();

        assertThatThrownBy(() -> store.txnRun(txn -> {
            txn.get("/t/hot");
            store.put("/t/hot", String.valueOf(runs.incrementAndGet())); // always changed before commit
            txn.put("/t/result", "never");
        }))
                .isInstanceOf(TxnConflictException.class)
                .hasMessageContaining("3 attempts").hasMessageContaining("/t/hot");
        assertThat(runs).hasValue(3);
        assertThat(store.get("/t/result")).isEmpty();
    }

    @Test
    void shouldAbortAndRethrowWhenTheFunctionThrows() {
        ConfigStore store = store();
        store.put("/t/a", "1");

        assertThatThrownBy(() -> store.txnRun(txn -> {
            txn.put("/t/b", "2");
            txn.create("/t/a", "again");
        })).isInstanceOf(KeyExistsException.class);
        assertThat(store.get("/t/b")).isEmpty();
    }

    @Test
    void shouldLoseNoUpdateWhenEightThreadsIncrementOneKeyThroughTransactions() throws Exception {
        ConfigStore store = store();
        store.put("/t/counter", "0");
        int threads = 8;
        int increments = 25;
        ExecutorService pool = Executors.newFixedThreadPool(threads);
        try {
            List<Future<?>> done = new ArrayList<>();
            for (int t = 0; t < threads; t++) {
                done.add(pool.submit(() -> {
                    for (int i = 0; i < increments; i++) {
                        store.txnRun(txn -> {
                            int value = Integer.parseInt(txn.get("/t/counter").orElseThrow().value());
                            txn.update("/t/counter", String.valueOf(value + 1));
                        });
                    }
                }));
            }
            for (Future<?> future : done) {
                future.get(60, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        assertThat(store.get("/t/counter")).map(Entry::value).contains(String.valueOf(threads * increments));
        assertThat(store.get("/t/counter")).map(Entry::version).contains(1L + threads * increments);
    }

    @Test
    void shouldWriteOnlyIfUnchangedSinceTheRevisionReadAndSayWhyNot() {
        ConfigStore store = store();
        long first = store.put("/t/doc", "v1");
        store.putIfUnchanged("/t/doc", "v2", first);

        assertThatThrownBy(() -> store.putIfUnchanged("/t/doc", "v3", first))
                .isInstanceOf(TxnConflictException.class);
        assertThatThrownBy(() -> store.putIfUnchanged("/t/doc", "v3", 0)).isInstanceOf(KeyExistsException.class);
        assertThatThrownBy(() -> store.putIfUnchanged("/t/gone", "v1", first))
                .isInstanceOf(KeyVanishedException.class);
        assertThat(store.get("/t/doc")).map(Entry::value).contains("v2");
    }

    @Test
    void shouldDeleteAPrefixInOneGoAndCountWhatItDeleted() {
        ConfigStore store = store();
        store.put("/t/purge-targets/eqiad/a", "1");
        store.put("/t/purge-targets/eqiad/b", "2");
        store.put("/t/purge-targets/esams/a", "3");

        assertThat(store.deletePrefix("/t/purge-targets/eqiad/")).isEqualTo(2);
        assertThat(store.delete("/t/purge-targets/eqiad/a")).isFalse();
        assertThat(ConfigStore.keys(store.list("/t/").entries())).containsExactly("/t/purge-targets/esams/a");
    }

    @Test
    void shouldDeliverEveryChangeUnderAPrefixInOrderExactlyOnce() {
        ConfigStore store = store();
        RecordingListener seen = new RecordingListener();
        try (ConfigWatch watch = store.watchPrefix("/t/rules/", 0, seen)) {
            store.put("/t/rules/a", "1");
            store.put("/t/other", "x");
            store.txnRun(txn -> {
                txn.put("/t/rules/b", "2");
                txn.update("/t/rules/a", "3");
            });
            store.delete("/t/rules/b");
            long last = store.put("/t/rules/a", "4");

            await().atMost(WAIT).until(() -> seen.events.size() >= 5);
            assertThat(seen.summary()).containsExactly("PUT /t/rules/a=1", "PUT /t/rules/b=2", "PUT /t/rules/a=3",
                    "DELETE /t/rules/b", "PUT /t/rules/a=4");
            assertThat(seen.events).extracting(ChangeEvent::modRevision).isSorted();
            await().atMost(WAIT).until(() -> watch.nextRevision() == last + 1);
        }
    }

    @Test
    void shouldWatchOneKeyOnly() {
        ConfigStore store = store();
        RecordingListener seen = new RecordingListener();
        try (ConfigWatch watch = store.watchKey("/t/epoch", 0, seen)) {
            store.put("/t/epoch-old", "0");
            store.put("/t/epoch", "1");

            await().atMost(WAIT).until(() -> !seen.events.isEmpty());
            assertThat(seen.summary()).containsExactly("PUT /t/epoch=1");
            assertThat(watch.isClosed()).isFalse();
        }
    }

    @Test
    void shouldReplayHistoryWhenWatchingFromAnEarlierRevision() {
        ConfigStore store = store();
        long first = store.put("/t/a", "1");
        store.put("/t/a", "2");
        store.delete("/t/a");
        RecordingListener seen = new RecordingListener();

        try (ConfigWatch watch = store.watchPrefix("/t/", first, seen)) {
            await().atMost(WAIT).until(() -> seen.events.size() >= 3);
            assertThat(seen.summary()).containsExactly("PUT /t/a=1", "PUT /t/a=2", "DELETE /t/a");
            assertThat(watch.isClosed()).isFalse();
        }
    }

    @Test
    void shouldReportCompactionExplicitlyToAWatchThatNeedsCompactedHistory() {
        ConfigStore store = store();
        long first = store.put("/t/a", "1");
        store.put("/t/a", "2");
        long last = store.put("/t/a", "3");
        store.compact(last);
        RecordingListener seen = new RecordingListener();

        ConfigWatch watch = store.watchPrefix("/t/", first, seen);

        await().atMost(WAIT).until(() -> seen.compactedAt.get() >= 0);
        assertThat(seen.compactedAt.get()).isEqualTo(last);
        assertThat(watch.isClosed()).isTrue();
        assertThat(seen.events).isEmpty();
        assertThat(store.get("/t/a")).map(Entry::value).contains("3");
    }

    @Test
    void shouldStopDeliveringAfterAWatchIsClosed() {
        ConfigStore store = store();
        RecordingListener seen = new RecordingListener();
        ConfigWatch watch = store.watchPrefix("/t/", 0, seen);
        store.put("/t/a", "1");
        await().atMost(WAIT).until(() -> seen.events.size() == 1);

        watch.close();
        store.put("/t/a", "2");
        RecordingListener after = new RecordingListener();
        try (ConfigWatch probe = store.watchPrefix("/t/", 0, after)) {
            store.put("/t/a", "3");
            await().atMost(WAIT).until(() -> after.events.size() == 1);
            assertThat(probe.isClosed()).isFalse();
        }

        assertThat(seen.summary()).containsExactly("PUT /t/a=1");
    }
}
