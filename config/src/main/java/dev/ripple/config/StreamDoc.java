package dev.ripple.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A source stream ({@code /ripple/streams/<name>}): events go to topic {@code ripple.stream.<name>}.
 *
 * @param name stream name, e.g. {@code edits}
 * @param description free text, or null
 * @param maxEventBytes largest event accepted, in bytes; default 1 MiB, at most 16 MiB
 * @param conflictPolicy what a write-after-read conflict does (DESIGN.md 6.4); default {@code reject}
 * @param dependencies how the stream's resources take part in dependency tracking (DESIGN.md 14); null when they
 *     do not: their {@code uses} are not indexed and their edits fan out to nothing
 */
public record StreamDoc(String name, String description, Long maxEventBytes, ConflictPolicy conflictPolicy,
        Dependencies dependencies) implements ConfigDocument {
    public static final long DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;

    /** What happens to an event whose {@code base_revision} is not the key's current revision. */
    public enum ConflictPolicy {
        /** Sent to {@code ripple.dlq.conflicts}, not applied. */
        REJECT("reject"),
        /** Applied anyway (last writer wins), and counted. */
        LAST_WRITER_WINS("last-writer-wins");

        private final String json;

        ConflictPolicy(String json) {
            this.json = json;
        }

        @JsonValue
        public String json() {
            return json;
        }

        @JsonCreator
        static ConflictPolicy of(String json) {
            for (ConflictPolicy policy : values()) {
                if (policy.json.equals(json)) {
                    return policy;
                }
            }
            throw new IllegalArgumentException("must be one of reject, last-writer-wins");
        }
    }

    /**
     * Dependency tracking of a stream (DESIGN.md 14): its events' {@code uses} are indexed, an edit of one of its
     * keys that others use invalidates them, and its derived events go to {@code ripple.derived}.
     *
     * @param usesFromTags a pattern (RE2) over the event's tags: each tag it finds is a dependency, its group
     *     {@code key} (or the whole tag) the key used; for events that do not say {@code uses}; null for none
     * @param coalesceMs how long invalidations of one dependent are gathered into one derived event; default 1000
     * @param maxDepth how many derivations a chain may take from its root edit; default 3
     * @param fanoutRatePerS index entries a fan-out of this stream's keys walks per second, per partition, at most;
     *     default 5000. Back pressure ({@code fanoutMaxLagMs}) keeps it to what the propagator has spare.
     * @param fanoutBatch dependents read from the index per step of a fan-out; default 500
     * @param fanoutMaxLagMs back pressure: how long the propagator's own lanes ({@code ripple.deps},
     *     {@code ripple.derived}) may take from written to routed before the stream's fan-outs halve their rate
     *     (and climb back while they keep up); {@code fanout_rate_per_s} is then a ceiling. Keep it above the
     *     propagator's commit interval, which the lanes wait for; default 150
     */
    public record Dependencies(String usesFromTags, Long coalesceMs, Integer maxDepth, Integer fanoutRatePerS,
            Integer fanoutBatch, Long fanoutMaxLagMs) {
        public static final long DEFAULT_COALESCE_MS = 1000;
        public static final int DEFAULT_MAX_DEPTH = 3;
        public static final int DEFAULT_FANOUT_RATE_PER_S = 5000;
        public static final int DEFAULT_FANOUT_BATCH = 500;
        public static final long DEFAULT_FANOUT_MAX_LAG_MS = 150;

        public Dependencies {
            coalesceMs = coalesceMs == null ? DEFAULT_COALESCE_MS : coalesceMs;
            maxDepth = maxDepth == null ? DEFAULT_MAX_DEPTH : maxDepth;
            fanoutRatePerS = fanoutRatePerS == null ? DEFAULT_FANOUT_RATE_PER_S : fanoutRatePerS;
            fanoutBatch = fanoutBatch == null ? DEFAULT_FANOUT_BATCH : fanoutBatch;
            fanoutMaxLagMs = fanoutMaxLagMs == null ? DEFAULT_FANOUT_MAX_LAG_MS : fanoutMaxLagMs;
            Validation v = new Validation();
            if (usesFromTags != null) {
                v.regex(usesFromTags, "dependencies.uses_from_tags");
            }
            v.range(coalesceMs, "dependencies.coalesce_ms", 0, 600_000);
            v.range(maxDepth, "dependencies.max_depth", 1, 16);
            v.range(fanoutRatePerS, "dependencies.fanout_rate_per_s", 1, 1_000_000);
            v.range(fanoutBatch, "dependencies.fanout_batch", 1, 10_000);
            v.range(fanoutMaxLagMs, "dependencies.fanout_max_lag_ms", 10, 600_000);
            v.throwIfAny();
        }

        /** Tracking with the defaults and no tag rule. */
        public static Dependencies defaults() {
            return new Dependencies(null, null, null, null, null, null);
        }
    }

    /** A stream that does not carry dependencies. */
    public StreamDoc(String name, String description, Long maxEventBytes, ConflictPolicy conflictPolicy) {
        this(name, description, maxEventBytes, conflictPolicy, null);
    }

    public StreamDoc {
        maxEventBytes = maxEventBytes == null ? DEFAULT_MAX_EVENT_BYTES : maxEventBytes;
        conflictPolicy = conflictPolicy == null ? ConflictPolicy.REJECT : conflictPolicy;
        Validation v = new Validation();
        v.topicName(name, "name");
        v.range(maxEventBytes, "max_event_bytes", 1, 16 * 1024 * 1024);
        v.throwIfAny();
    }

    /** A stream with the defaults. */
    public static StreamDoc of(String name) {
        return new StreamDoc(name, null, null, null);
    }

    /** This stream, carrying dependencies as {@code tracking} says. */
    public StreamDoc withDependencies(Dependencies tracking) {
        return new StreamDoc(name, description, maxEventBytes, conflictPolicy, tracking);
    }

    @Override
    public DocumentKind kind() {
        return DocumentKind.STREAM;
    }

    @Override
    public String key() {
        return ConfigKeys.stream(name);
    }
}
