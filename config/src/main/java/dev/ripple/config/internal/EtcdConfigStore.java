package dev.ripple.config.internal;

import static java.nio.charset.StandardCharsets.UTF_8;

import dev.ripple.config.ConfigException;
import dev.ripple.config.ConfigWatch;
import dev.ripple.config.Entry;
import dev.ripple.config.EtcdOptions;
import dev.ripple.config.Listing;
import dev.ripple.config.StoreUnavailableException;
import dev.ripple.config.WatchListener;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.KV;
import io.etcd.jetcd.KeyValue;
import io.etcd.jetcd.kv.GetResponse;
import io.etcd.jetcd.kv.TxnResponse;
import io.etcd.jetcd.op.Cmp;
import io.etcd.jetcd.op.CmpTarget;
import io.etcd.jetcd.op.Op;
import io.etcd.jetcd.options.DeleteOption;
import io.etcd.jetcd.options.GetOption;
import io.etcd.jetcd.options.PutOption;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** A {@link dev.ripple.config.ConfigStore} on etcd through jetcd. Transactions commit as one etcd Txn. */
public final class EtcdConfigStore extends AbstractConfigStore {
    private static final Logger log = LoggerFactory.getLogger(EtcdConfigStore.class);

    private final EtcdOptions options;
    private final Client client;
    private final KV kv;
    private final WatchDispatcher dispatcher = new WatchDispatcher("ripple-config-watch-etcd");
    private final AtomicBoolean closed = new AtomicBoolean();

    public EtcdConfigStore(EtcdOptions options) {
        super(options.maxTxnAttempts());
        this.options = options;
        this.client = EtcdClients.build(options);
        this.kv = client.getKVClient();
        log.debug("Config store on etcd at {}{}", options.endpoints(),
                options.namespace() == null ? "" : " (namespace " + options.namespace() + ")");
    }

    @Override
    public long revision() {
        GetResponse response = await(kv.get(bytes("/"), GetOption.builder().withCountOnly(true).build()),
                "the revision");
        return response.getHeader().getRevision();
    }

    @Override
    Optional<Entry> read(String key) {
        GetResponse response = await(kv.get(bytes(key)), "get " + key);
        return response.getKvs().stream().findFirst().map(EtcdConfigStore::entry);
    }

    @Override
    Listing range(String prefix) {
        GetResponse response = await(kv.get(bytes(prefix), GetOption.builder().isPrefix(true).build()),
                "list " + prefix);
        return new Listing(response.getHeader().getRevision(),
                response.getKvs().stream().map(EtcdConfigStore::entry).toList());
    }

    @Override
    OptionalLong commit(Map<String, Long> expected, List<Write> writes) {
        Cmp[] compares = expected.entrySet().stream()
                .map(e -> new Cmp(bytes(e.getKey()), Cmp.Op.EQUAL, CmpTarget.modRevision(e.getValue())))
                .toArray(Cmp[]::new);
        Op[] ops = writes.stream()
                .map(w -> w.isDelete() ? Op.delete(bytes(w.key()), DeleteOption.DEFAULT)
                        : Op.put(bytes(w.key()), bytes(w.value()), PutOption.DEFAULT))
                .toArray(Op[]::new);
        TxnResponse response = await(kv.txn().If(compares).Then(ops).commit(), "commit a transaction");
        return response.isSucceeded() ? OptionalLong.of(response.getHeader().getRevision()) : OptionalLong.empty();
    }

    @Override
    ConfigWatch watch(String keyOrPrefix, boolean prefix, long fromRevision, WatchListener listener) {
        requireOpen();
        long from = fromRevision == 0 ? revision() + 1 : fromRevision;
        EtcdWatch watch = new EtcdWatch(client.getWatchClient(), bytes(keyOrPrefix), prefix, from, listener,
                dispatcher);
        watch.start();
        return watch;
    }

    @Override
    public void compact(long revision) {
        try {
            await(kv.compact(revision), "compact at revision " + revision);
        } catch (StoreUnavailableException e) {
            String message = String.valueOf(e.getCause() == null ? null : e.getCause().getMessage());
            if (message.contains("has been compacted")) {
                return;
            }
            if (message.contains("future revision")) {
                throw new ConfigException("Cannot compact at revision " + revision + ": it is in the future", e);
            }
            throw e;
        }
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            dispatcher.close();
            client.close();
        }
    }

    private <T> T await(CompletableFuture<T> future, String what) {
        requireOpen();
        long timeoutMs = options.requestTimeout().toMillis();
        try {
            return future.get(timeoutMs, TimeUnit.MILLISECONDS);
        } catch (TimeoutException e) {
            future.cancel(true);
            throw new StoreUnavailableException("etcd at " + options.endpoints() + " did not answer (" + what
                    + ") within " + timeoutMs + " ms; is it running and reachable?", e);
        } catch (ExecutionException e) {
            Throwable cause = e.getCause();
            throw new StoreUnavailableException("etcd at " + options.endpoints() + " failed (" + what + "): "
                    + cause.getMessage(), cause);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new StoreUnavailableException("Interrupted while waiting for etcd (" + what + ")", e);
        }
    }

    private void requireOpen() {
        if (closed.get()) {
            throw new StoreUnavailableException("The etcd config store is closed", null);
        }
    }

    static ByteSequence bytes(String text) {
        return ByteSequence.from(text, UTF_8);
    }

    private static Entry entry(KeyValue kv) {
        return new Entry(kv.getKey().toString(UTF_8), kv.getValue().toString(UTF_8), kv.getCreateRevision(),
                kv.getModRevision(), kv.getVersion());
    }
}
