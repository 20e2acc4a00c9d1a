package dev.ripple.cli.tools;

import dev.ripple.cli.CliException;
import dev.ripple.runtime.latest.LatestEntry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Which keys {@code ripple replay} sends: one key, the keys under a prefix, or the keys whose latest write Ripple
 * accepted in a time window (the source record's time, {@code since} inclusive, {@code until} exclusive).
 * Exactly one of {@code key}, {@code prefix} and {@code since} is set. Immutable.
 *
 * @param key one resource key, or null
 * @param prefix a key prefix, or null
 * @param since the window's start, or null
 * @param until the window's end, or null for no end (only with {@code since})
 */
public record ReplaySelection(String key, String prefix, Instant since, Instant until) {
    /** An age: digits and a unit, {@code s}, {@code m}, {@code h} or {@code d}. */
    private static final Pattern AGE = Pattern.compile("(\\d{1,9})([smhd])");

    public ReplaySelection {
        int given = (key != null ? 1 : 0) + (prefix != null ? 1 : 0) + (since != null ? 1 : 0);
        if (given != 1) {
            throw new IllegalArgumentException("exactly one of key, prefix and since, was " + given);
        }
        if (until != null && since == null) {
            throw new IllegalArgumentException("until without since");
        }
    }

    /**
     * The selection of the command line's options, checked.
     *
     * @param since an ISO-8601 instant or an age back from {@code clock}'s now (see {@link #time})
     * @throws CliException (exit code 2) naming the option and the fix
     */
    public static ReplaySelection of(String key, String prefix, String since, String until, Clock clock) {
        int given = (key != null ? 1 : 0) + (prefix != null ? 1 : 0) + (since != null ? 1 : 0);
        if (given != 1) {
            throw usage((given == 0 ? "Nothing to replay" : "Options --key, --prefix and --since exclude each other")
                    + ": give exactly one of --key K (one key), --prefix P (every key starting with P) or --since T "
                    + "(every key last written at or after T, optionally --until T2).");
        }
        if (until != null && since == null) {
            throw usage("Option --until needs --since: replay a window with --since T --until T2.");
        }
        if (key != null && key.isEmpty() || prefix != null && prefix.isEmpty()) {
            throw usage("Invalid empty value for option '" + (key != null ? "--key" : "--prefix") + "': to "
                    + "replay every key, use --since with an age older than the oldest write, e.g. --since 3650d.");
        }
        Instant from = since == null ? null : time("--since", since, clock);
        Instant to = until == null ? null : time("--until", until, clock);
        if (to != null && !to.isAfter(from)) {
            throw usage("Invalid value '" + until + "' for option '--until': it must be after --since (" + from
                    + ").");
        }
        return new ReplaySelection(key, prefix, from, to);
    }

    /**
     * A point in time as an option gives it: an ISO-8601 instant ({@code 2026-11-22T10:00:00Z}) or an age, that long
     * before now ({@code 90s}, {@code 10m}, {@code 2h}, {@code 7d}).
     *
     * @throws CliException (exit code 2) naming the option and both forms
     */
    static Instant time(String option, String value, Clock clock) {
        Matcher age = AGE.matcher(value);
        if (age.matches()) {
            long amount = Long.parseLong(age.group(1));
            Duration back = switch (age.group(2)) {
                case "s" -> Duration.ofSeconds(amount);
                case "m" -> Duration.ofMinutes(amount);
                case "h" -> Duration.ofHours(amount);
                default -> Duration.ofDays(amount);
            };
            return clock.instant().minus(back);
        }
        try {
            return Instant.parse(value);
        } catch (DateTimeParseException e) {
            throw usage("Invalid value '" + value + "' for option '" + option + "': give an ISO-8601 instant such "
                    + "as 2026-11-22T10:00:00Z, or an age back from now such as 90s, 10m, 2h or 7d.");
        }
    }

    /** Whether {@code entry}'s key (or its source record's time) is selected. */
    public boolean matches(LatestEntry entry) {
        if (key != null) {
            return key.equals(entry.key());
        }
        if (prefix != null) {
            return entry.key().startsWith(prefix);
        }
        Instant at = entry.source().dt();
        return !at.isBefore(since) && (until == null || at.isBefore(until));
    }

    /** What is selected, in words. */
    public String describe() {
        if (key != null) {
            return "key '" + key + "'";
        }
        if (prefix != null) {
            return "keys under '" + prefix + "'";
        }
        return "keys last written from " + since + (until == null ? "" : " until " + until);
    }

    static CliException usage(String message) {
        return new CliException(message, 2, null);
    }
}
