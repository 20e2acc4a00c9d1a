package dev.ripple.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A conit, a unit of consistency with bounds (DESIGN.md 6.2, {@code /ripple/conits/<name>}).
 *
 * @param name conit name
 * @param keys the resource keys it covers
 * @param bounds how far a region may fall behind; at least one bound
 * @param enforcement what happens when a region is past a bound
 * @param unknown what {@code gate-reads} does while the conit's status at a region is unknown (no status from the
 *     tracker, or one older than {@code staleness_ms}, or than {@link #UNKNOWN_AFTER_MS} without that bound); null
 *     means {@link Unknown#CLOSED}
 */
public record ConitDoc(String name, KeyPattern keys, Bounds bounds, Enforcement enforcement, Unknown unknown)
        implements ConfigDocument {

    /** How old a status may be, in ms, before it is unknown, for a conit without {@code staleness_ms}. */
    public static final long UNKNOWN_AFTER_MS = 5_000;

    /** A conit whose reads fail closed while its status is unknown. */
    public ConitDoc(String name, KeyPattern keys, Bounds bounds, Enforcement enforcement) {
        this(name, keys, bounds, enforcement, null);
    }

    /** What {@code gate-reads} does while a conit's status is unknown. */
    public enum Unknown {
        /** Reads are refused (503) or redirected to a region whose status is known and within bounds. */
        CLOSED("closed"),
        /** Reads are served as if the conit were within bounds. */
        OPEN("open");

        private final String json;

        Unknown(String json) {
            this.json = json;
        }

        @JsonValue
        public String json() {
            return json;
        }

        @JsonCreator
        static Unknown of(String json) {
            for (Unknown u : values()) {
                if (u.json.equals(json)) {
                    return u;
                }
            }
            throw new IllegalArgumentException("must be one of open, closed");
        }
    }

    /** Does {@code gate-reads} refuse reads while the status is unknown? The default. */
    public boolean closedWhenUnknown() {
        return unknown != Unknown.OPEN;
    }

    /**
     * Which keys belong to the conit: exactly one of a glob ({@code *} any run of characters, {@code ?} one) or a
     * regular expression (matched against the whole key).
     */
    public record KeyPattern(String glob, String regex) {
        public static KeyPattern glob(String glob) {
            return new KeyPattern(glob, null);
        }

        /**
         * The pattern matched against whole keys ({@link RulePattern#matches}): the regex, or the glob ({@code *}
         * any run, {@code ?} one character, everything else literal). Compile once and keep it.
         *
         * @throws InvalidPatternException if it is not one {@link RulePattern} accepts (a validated conit's is)
         */
        public RulePattern compile() {
            return regex != null ? RulePattern.compile(regex) : RulePattern.glob(glob);
        }
    }

    /**
     * @param stalenessMs most time since the oldest write not yet applied, in ms; null for no bound
     * @param maxUnapplied most writes not yet applied (order error); null for no bound
     * @param maxWeight most summed weight of writes not yet applied (numerical error); null for no bound
     */
    public record Bounds(Long stalenessMs, Long maxUnapplied, Double maxWeight) {}

    /** What a bound breach does. */
    public enum Enforcement {
        /** Reads at an out-of-bound region wait, are redirected or are refused. */
        GATE_READS("gate-reads"),
        /** The intake answers 429 for writes to the conit while a region is past {@code max_unapplied}. */
        THROTTLE_WRITES("throttle-writes"),
        /** Metrics and alerts only. */
        ALERT("alert");

        private final String json;

        Enforcement(String json) {
            this.json = json;
        }

        @JsonValue
        public String json() {
            return json;
        }

        @JsonCreator
        static Enforcement of(String json) {
            for (Enforcement e : values()) {
                if (e.json.equals(json)) {
                    return e;
                }
            }
            throw new IllegalArgumentException("must be one of gate-reads, throttle-writes, alert");
        }
    }

    public ConitDoc {
        Validation v = new Validation();
        v.name(name, "name");
        if (v.required(keys, "keys")) {
            if ((keys.glob() == null) == (keys.regex() == null)) {
                v.add("keys", "give exactly one of glob or regex");
            } else if (keys.regex() != null) {
                v.regex(keys.regex(), "keys.regex");
            } else if (keys.glob().isEmpty()) {
                v.add("keys.glob", "must not be empty");
            } else {
                v.glob(keys.glob(), "keys.glob");
            }
        }
        if (v.required(bounds, "bounds")) {
            if (bounds.stalenessMs() == null && bounds.maxUnapplied() == null && bounds.maxWeight() == null) {
                v.add("bounds", "give at least one of staleness_ms, max_unapplied, max_weight");
            }
            v.range(bounds.stalenessMs(), "bounds.staleness_ms", 1, 86_400_000);
            v.range(bounds.maxUnapplied(), "bounds.max_unapplied", 1, Long.MAX_VALUE);
            v.range(bounds.maxWeight(), "bounds.max_weight", Double.MIN_VALUE, Double.MAX_VALUE);
        }
        if (v.required(enforcement, "enforcement") && enforcement == Enforcement.THROTTLE_WRITES && bounds != null
                && bounds.maxUnapplied() == null) {
            v.add("bounds.max_unapplied", "is required with enforcement throttle-writes");
        }
        v.throwIfAny();
    }

    @Override
    public DocumentKind kind() {
        return DocumentKind.CONIT;
    }

    @Override
    public String key() {
        return ConfigKeys.conit(name);
    }
}
