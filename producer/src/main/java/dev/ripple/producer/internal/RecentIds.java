package dev.ripple.producer.internal;

import dev.ripple.consistency.Dot;
import dev.ripple.events.EditEvent;
import dev.ripple.producer.RetryWindow;
import java.time.Clock;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;

/**
 * The client {@code meta.id}s this intake published within its {@link RetryWindow}, each with the outcome of its
 * publish, so that a retry is answered with that outcome instead of being written again. Bounded in age and in
 * number: oldest first out, in insertion order (a retry does not extend an id's window). An id whose publish failed
 * is forgotten at once, so its retry publishes anew; one Kafka never answered ({@link UncertainWriteException}) is
 * kept, so that its retry looks for it before publishing anew. Thread-safe: one lock, every operation constant time
 * (amortised).
 */
final class RecentIds {
    /** An id as remembered: per producer and stream, case-insensitive (it is a UUID). */
    record Key(String producer, String stream, String id) {
        static Key of(String producer, EditEvent event) {
            return new Key(producer, event.meta().stream(), event.meta().id().toLowerCase(Locale.ROOT));
        }
    }

    /** What {@link #claim} found. */
    sealed interface Claim {
        /** Not seen (or forgotten): the caller publishes, and completes {@code outcome} with what Kafka said. */
        record First(CompletableFuture<Dot> outcome) implements Claim {}

        /** A retry of an earlier publish: {@code outcome} is its dot, now or once acknowledged. */
        record Retry(CompletableFuture<Dot> outcome) implements Claim {}

        /** The id was published within the window for a different event, {@code ageMillis} ago. */
        record Conflict(long ageMillis) implements Claim {}

        /**
         * A retry of a publish Kafka never answered ({@code write}): the caller looks for it, and completes
         * {@code outcome} with its dot, with what a publish anew gave, or with {@code write} again if it could not
         * tell. Meanwhile further retries wait for {@code outcome}.
         */
        record Uncertain(UncertainWriteException write, CompletableFuture<Dot> outcome) implements Claim {}
    }

    private record Entry(int fingerprint, long atMillis, CompletableFuture<Dot> outcome) {}

    private final RetryWindow window;
    private final Clock clock;
    private final Runnable forgotEarly;
    private final LinkedHashMap<Key, Entry> entries = new LinkedHashMap<>();

    /**
     * @param forgotEarly called for each id forgotten before its window ended, to make room for a newer one
     */
    RecentIds(RetryWindow window, Clock clock, Runnable forgotEarly) {
        this.window = Objects.requireNonNull(window, "window");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.forgotEarly = Objects.requireNonNull(forgotEarly, "forgotEarly");
    }

    /**
     * Looks {@code event}'s id up and, when it is not remembered or its write is uncertain, remembers it as in
     * flight. The caller of a {@link Claim.First} or a {@link Claim.Uncertain} must complete its outcome.
     */
    Claim claim(String producer, EditEvent event) {
        Key key = Key.of(producer, event);
        int fingerprint = fingerprint(event);
        synchronized (this) {
            long now = clock.millis();
            expire(now);
            Entry earlier = entries.get(key);
            if (earlier != null && earlier.fingerprint() != fingerprint) {
                return new Claim.Conflict(now - earlier.atMillis());
            }
            UncertainWriteException uncertain = earlier == null ? null : uncertain(earlier.outcome());
            if (earlier != null && uncertain == null) {
                return new Claim.Retry(earlier.outcome());
            }
            // a new id, or one whose write is uncertain: its window still starts at the first publish
            Entry first = new Entry(fingerprint, earlier == null ? now : earlier.atMillis(), new CompletableFuture<>());
            entries.put(key, first);
            trim();
            forgetIfFailed(key, first);
            return uncertain == null ? new Claim.First(first.outcome())
                    : new Claim.Uncertain(uncertain, first.outcome());
        }
    }

    /** An id whose publish failed is forgotten, unless Kafka may have stored it all the same. */
    private void forgetIfFailed(Key key, Entry entry) {
        entry.outcome().whenComplete((dot, error) -> {
            Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause()
                    : error;
            if (cause != null && !(cause instanceof UncertainWriteException)) {
                forget(key, entry);
            }
        });
    }

    private static UncertainWriteException uncertain(CompletableFuture<Dot> outcome) {
        return SendFailures.cause(outcome) instanceof UncertainWriteException e ? e : null;
    }

    /** Ids remembered now, at most {@link RetryWindow#maxIds()}. */
    synchronized int size() {
        return entries.size();
    }

    private synchronized void forget(Key key, Entry entry) {
        entries.remove(key, entry);
    }

    private void expire(long now) {
        long oldest = now - window.length().toMillis();
        Iterator<Entry> it = entries.values().iterator();
        while (it.hasNext() && it.next().atMillis() <= oldest) {
            it.remove();
        }
    }

    /** Drops the oldest ids beyond the bound; {@link #expire} ran first, so each is forgotten early. */
    private void trim() {
        Iterator<Map.Entry<Key, Entry>> it = entries.entrySet().iterator();
        while (entries.size() > window.maxIds() && it.hasNext()) {
            it.next();
            it.remove();
            forgotEarly.run();
        }
    }

    /**
     * What makes a retry the same event: everything a client sends but {@code meta.dt}, {@code meta.request_id} and
     * {@code meta.origin}, which a client may set anew on each attempt (and the intake fills when absent). A hash:
     * a reused id is told from a retry but for one chance in 2^32.
     */
    static int fingerprint(EditEvent e) {
        return Objects.hash(e.schema(), e.key(), e.op(), e.revision(), e.baseRevision(), e.contentType(), e.body(),
                e.tags(), e.weight(), e.rootEvent(), e.triggeredBy(), e.meta().uri(), e.meta().domain());
    }
}
