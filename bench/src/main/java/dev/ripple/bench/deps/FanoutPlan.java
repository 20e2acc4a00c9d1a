package dev.ripple.bench.deps;

import dev.ripple.config.MatchCondition;
import dev.ripple.config.RuleDoc;
import dev.ripple.config.StreamDoc;
import java.util.List;
import java.util.Map;

/**
 * One fan-out: {@code dependents} resources of stream {@value #STREAM} that use the key {@value #USED}, the even
 * ones reading its part {@value #CHANGED}, the odd ones only {@value #UNCHANGED}; an edit of the key that changed
 * {@value #CHANGED} invalidates exactly the even ones. The stream carries dependencies at {@code ratePerS}
 * (dependents walked per second in the key's partition), {@code batch} per read, {@code coalesceMs}; its rule
 * {@value #RULE} replicates every event to every region and purges nothing, so what is measured is the fan-out.
 *
 * @param dependents how many resources use the key
 * @param ratePerS the stream's {@code fanout_rate_per_s}
 * @param batch the stream's {@code fanout_batch}
 * @param coalesceMs the stream's {@code coalesce_ms}
 * @param probeRate direct edits per second while latency is measured
 * @param maxLagMs the stream's {@code fanout_max_lag_ms} (back pressure)
 */
public record FanoutPlan(int dependents, int ratePerS, int batch, long coalesceMs, int probeRate, long maxLagMs) {
    public static final String STREAM = "pages";
    public static final String RULE = "pages-everywhere";
    public static final String USED = "tpl:Infobox";
    public static final String CHANGED = "params";
    public static final String UNCHANGED = "layout";
    /** Prefix of the dependents' keys, followed by a 7-digit index. */
    public static final String DEPENDENT_PREFIX = "page:d";
    /** Prefix of the direct edits' keys. */
    public static final String DIRECT_PREFIX = "page:direct-";

    public FanoutPlan {
        if (dependents < 2 || dependents > 9_999_999) {
            throw new IllegalArgumentException("Invalid value " + dependents + " for dependents: use 2 to 9999999");
        }
        if (probeRate < 1) {
            throw new IllegalArgumentException("Invalid value " + probeRate + " for the probe rate: at least 1/s");
        }
        new StreamDoc.Dependencies(null, coalesceMs, null, ratePerS, batch, maxLagMs); // validates as the config would
    }

    /** The key of dependent {@code i}. */
    public static String dependent(int i) {
        return DEPENDENT_PREFIX + String.format("%07d", i);
    }

    /** The index of a dependent's key, or -1 for another key. */
    public static int indexOf(String key) {
        if (key == null || key.length() != DEPENDENT_PREFIX.length() + 7 || !key.startsWith(DEPENDENT_PREFIX)) {
            return -1;
        }
        try {
            return Integer.parseInt(key, DEPENDENT_PREFIX.length(), key.length(), 10);
        } catch (NumberFormatException e) {
            return -1;
        }
    }

    /** Whether dependent {@code i} reads the part the edit changes. */
    public static boolean readsChanged(int i) {
        return i % 2 == 0;
    }

    /** How many dependents the edit invalidates. */
    public int invalidated() {
        return (dependents + 1) / 2;
    }

    /** The stream document, carrying dependencies as planned. */
    public StreamDoc stream() {
        return StreamDoc.of(STREAM).withDependencies(new StreamDoc.Dependencies(null, coalesceMs, null, ratePerS,
                batch, maxLagMs));
    }

    /** The rule: every event of the stream, replicated to every region. */
    public RuleDoc rule() {
        return new RuleDoc(RULE, List.of(STREAM), Map.of("key", MatchCondition.regex(".+")), null,
                new RuleDoc.Replicate(List.of("*")), null, null);
    }

    /** The config used, for a report. */
    public String describe() {
        return "stream `" + STREAM + "` dependencies: fanout_rate_per_s " + ratePerS + " (per partition), fanout_batch "
                + batch + ", fanout_max_lag_ms " + maxLagMs + ", coalesce_ms " + coalesceMs + ", max_depth " + StreamDoc.Dependencies.DEFAULT_MAX_DEPTH
                + "; rule `" + RULE + "`: replicate to every region, no purge; " + dependents + " dependents of `" + USED
                + "` (" + invalidated() + " read `" + CHANGED + "`, the rest `" + UNCHANGED + "`); direct edits at "
                + probeRate + "/s";
    }
}
