package dev.ripple.cli.config;

import dev.ripple.config.ChangeEvent;
import dev.ripple.config.CheckReport;
import dev.ripple.config.ConfigImport;
import dev.ripple.config.Entry;
import dev.ripple.config.Listing;
import java.util.Optional;
import java.util.function.Predicate;

/**
 * What {@code ripple config} needs from a config store, whether it talks to etcd directly
 * ({@link StoreConfigClient}) or to a running {@code ripple up} over HTTP ({@link HttpConfigClient}). Writes are
 * validated ({@link dev.ripple.config.ConfigWrites}). Methods throw the config module's exceptions.
 */
interface ConfigClient extends AutoCloseable {
    /** Where it points, for messages: {@code etcd at [...]} or {@code ripple up at http://…}. */
    String describe();

    Listing list(String prefix);

    Optional<Entry> get(String key);

    /** Validates and writes; {@code expectedModRevision} as in {@link dev.ripple.config.ConfigWrites#put}. */
    long put(String key, String text, long expectedModRevision);

    boolean delete(String key);

    int deletePrefix(String prefix);

    ConfigImport.Result importFile(String text, boolean sync);

    CheckReport check();

    /**
     * Follows changes under {@code prefix} from {@code fromRevision} (0: from now), handing each to {@code sink}
     * until it returns false.
     *
     * @throws dev.ripple.config.ConfigException if the history needed was compacted
     */
    void watch(String prefix, long fromRevision, Predicate<ChangeEvent> sink) throws InterruptedException;

    @Override
    void close();
}
