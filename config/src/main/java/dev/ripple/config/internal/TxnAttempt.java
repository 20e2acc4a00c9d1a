package dev.ripple.config.internal;

import dev.ripple.config.Entry;
import dev.ripple.config.KeyExistsException;
import dev.ripple.config.KeyVanishedException;
import dev.ripple.config.Listing;
import dev.ripple.config.Txn;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;

/** One run of a transaction function: the read set (key to mod revision seen, 0 if absent) and buffered writes. */
final class TxnAttempt implements Txn {
    private final AbstractConfigStore store;
    private final Map<String, Long> readSet = new LinkedHashMap<>();
    private final Map<String, Optional<Entry>> cache = new HashMap<>();
    private final Map<String, Write> writes = new LinkedHashMap<>();

    TxnAttempt(AbstractConfigStore store) {
        this.store = store;
    }

    @Override
    public Optional<Entry> get(String key) {
        Keys.requireKey(key);
        Write pending = writes.get(key);
        if (pending != null) {
            return pending.isDelete() ? Optional.empty() : Optional.of(new Entry(key, pending.value(), 0, 0, 0));
        }
        return cache.computeIfAbsent(key, k -> {
            Optional<Entry> entry = store.read(k);
            remember(k, entry);
            return entry;
        });
    }

    @Override
    public List<Entry> list(String prefix) {
        Keys.requirePrefix(prefix);
        Listing listing = store.range(prefix);
        TreeMap<String, Entry> merged = new TreeMap<>();
        for (Entry entry : listing.entries()) {
            remember(entry.key(), Optional.of(entry));
            // a key read before keeps the value this attempt first saw, so reads stay repeatable
            cache.putIfAbsent(entry.key(), Optional.of(entry));
            cache.get(entry.key()).ifPresent(e -> merged.put(e.key(), e));
        }
        cache.forEach((key, entry) -> {
            if (key.startsWith(prefix)) {
                entry.ifPresentOrElse(e -> merged.put(key, e), () -> merged.remove(key));
            }
        });
        writes.values().stream().filter(w -> w.key().startsWith(prefix)).forEach(w -> {
            if (w.isDelete()) {
                merged.remove(w.key());
            } else {
                merged.put(w.key(), new Entry(w.key(), w.value(), 0, 0, 0));
            }
        });
        return List.copyOf(merged.values());
    }

    @Override
    public void create(String key, String value) {
        if (get(key).isPresent()) {
            throw new KeyExistsException(key);
        }
        writes.put(key, new Write(key, Keys.requireValue(key, value)));
    }

    @Override
    public void update(String key, String value) {
        if (get(key).isEmpty()) {
            throw new KeyVanishedException(key);
        }
        writes.put(key, new Write(key, Keys.requireValue(key, value)));
    }

    @Override
    public void put(String key, String value) {
        Keys.requireKey(key);
        writes.put(key, new Write(key, Keys.requireValue(key, value)));
    }

    @Override
    public boolean delete(String key) {
        boolean existed = get(key).isPresent();
        if (existed) {
            writes.put(key, new Write(key, null));
        } else {
            writes.remove(key);
        }
        return existed;
    }

    private void remember(String key, Optional<Entry> entry) {
        readSet.putIfAbsent(key, entry.map(Entry::modRevision).orElse(0L));
    }

    Map<String, Long> readSet() {
        return readSet;
    }

    List<Write> writes() {
        return new ArrayList<>(writes.values());
    }
}
