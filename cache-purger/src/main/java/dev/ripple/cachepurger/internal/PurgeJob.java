package dev.ripple.cachepurger.internal;

import dev.ripple.events.PurgeRequest;
import dev.ripple.events.Revisions;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;

/**
 * One purge of one key to carry out: a purge request and every record merged into it. Identical purges of a key
 * (same keys, URLs and tags) merge while the job waits; the merged job carries the highest revision and the
 * latest source position, so one send covers every record. Mutated only under {@link KeyLanes}' lock until it
 * starts; immutable after.
 */
final class PurgeJob {
    private final Instant received;
    private final Instant notBefore;
    private final long notBeforeMillis;
    private final List<Origin> origins = new ArrayList<>(1);
    private PurgeRequest request;
    private boolean started;

    PurgeJob(PurgeRequest request, Origin origin, Instant received, Instant notBefore) {
        this.request = Objects.requireNonNull(request, "request");
        this.received = received;
        this.notBefore = notBefore;
        this.notBeforeMillis = notBefore.toEpochMilli();
        origins.add(origin);
    }

    /** Whether {@code other} purges exactly what this job purges. */
    boolean sameWork(PurgeRequest other) {
        return request.keys().equals(other.keys()) && request.urls().equals(other.urls())
                && request.tags().equals(other.tags());
    }

    /**
     * Takes {@code other} (read after every record already merged) into this job: the higher revision (either may
     * be absent), the later source position.
     */
    void absorb(PurgeRequest other, Origin origin) {
        request = new PurgeRequest(request.key(), request.keys(), request.urls(), request.tags(),
                Revisions.max(request.revision(), other.revision()), other.source(), other.rule(), other.trace());
        origins.add(origin);
    }

    void start() {
        started = true;
    }

    boolean started() {
        return started;
    }

    String key() {
        return request.key();
    }

    PurgeRequest request() {
        return request;
    }

    List<Origin> origins() {
        return Collections.unmodifiableList(origins);
    }

    Instant received() {
        return received;
    }

    Instant notBefore() {
        return notBefore;
    }

    /** {@link #notBefore()} in epoch milliseconds, for cheap ordering. */
    long notBeforeMillis() {
        return notBeforeMillis;
    }

    @Override
    public String toString() {
        return "purge of " + request.key() + " (" + origins.size() + " record(s), up to " + request.source().dot()
                + ")";
    }
}
