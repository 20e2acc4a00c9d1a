package dev.ripple.events;

import java.time.DateTimeException;
import java.time.Instant;
import java.time.LocalDate;

/**
 * Ripple's UTC instants as text, on the hot paths that write and read them per record: the same text as
 * {@link Instant#toString()} and {@link Instant#parse}, without {@code DateTimeFormatter} (which JFR found at 13% of
 * the propagator's stream thread and half the purger's loop thread). Thread-safe.
 */
public final class UtcInstants {
    private static final long MAX_FAST_SECOND = 253_402_300_800L;

    private UtcInstants() {}

    /** {@code Instant.toString()}: ISO-8601 in UTC, fraction in groups of three digits, none when zero. */
    public static String format(Instant instant) {
        long second = instant.getEpochSecond();
        if (second < 0 || second >= MAX_FAST_SECOND) {
            return instant.toString();
        }
        SecondText cached = SecondText.CACHE[(int) (second & (SecondText.CACHE.length - 1))];
        if (cached == null || cached.second != second) {
            String whole = Instant.ofEpochSecond(second).toString(); // "yyyy-MM-ddTHH:mm:ssZ"
            cached = new SecondText(second, whole.substring(0, whole.length() - 1));
            SecondText.CACHE[(int) (second & (SecondText.CACHE.length - 1))] = cached;
        }
        int nano = instant.getNano();
        if (nano == 0) {
            return cached.text + 'Z';
        }
        StringBuilder out = new StringBuilder(30).append(cached.text).append('.');
        if (nano % 1_000_000 == 0) {
            appendDigits(out, nano / 1_000_000, 3);
        } else if (nano % 1_000 == 0) {
            appendDigits(out, nano / 1_000, 6);
        } else {
            appendDigits(out, nano, 9);
        }
        return out.append('Z').toString();
    }

    /**
     * Parses {@code yyyy-MM-ddTHH:mm:ss[.f{1,9}]Z}; null for any other text (or an invalid date), which the caller
     * hands to Jackson's parser, so errors and other accepted forms stay Jackson's.
     */
    public static Instant parse(String text) {
        int n = text.length();
        if (n < 20 || n > 30 || text.charAt(n - 1) != 'Z' || text.charAt(4) != '-' || text.charAt(7) != '-'
                || text.charAt(10) != 'T' || text.charAt(13) != ':' || text.charAt(16) != ':') {
            return null;
        }
        int year = digits(text, 0, 4);
        int month = digits(text, 5, 2);
        int day = digits(text, 8, 2);
        int hour = digits(text, 11, 2);
        int minute = digits(text, 14, 2);
        int second = digits(text, 17, 2);
        if (year < 0 || month < 0 || day < 0 || hour < 0 || hour > 23 || minute < 0 || minute > 59 || second < 0
                || second > 59) {
            return null;
        }
        int nano = 0;
        if (n > 20) {
            int fractionDigits = n - 21;
            if (text.charAt(19) != '.' || fractionDigits < 1) {
                return null;
            }
            int fraction = digits(text, 20, fractionDigits);
            if (fraction < 0) {
                return null;
            }
            nano = fraction;
            for (int i = fractionDigits; i < 9; i++) {
                nano *= 10;
            }
        } else if (text.charAt(19) != 'Z') {
            return null;
        }
        long days;
        try {
            days = LocalDate.of(year, month, day).toEpochDay();
        } catch (DateTimeException e) {
            return null;
        }
        return Instant.ofEpochSecond(days * 86_400 + hour * 3_600L + minute * 60L + second, nano);
    }

    /** The non-negative number of {@code count} ASCII digits at {@code from}, or -1. */
    private static int digits(String text, int from, int count) {
        int value = 0;
        for (int i = from; i < from + count; i++) {
            char c = text.charAt(i);
            if (c < '0' || c > '9') {
                return -1;
            }
            value = value * 10 + (c - '0');
        }
        return value;
    }

    private static void appendDigits(StringBuilder out, int value, int width) {
        String digits = Integer.toString(value);
        for (int i = digits.length(); i < width; i++) {
            out.append('0');
        }
        out.append(digits);
    }

    /** The text of one whole second, without the zone; immutable, so a racy cache slot is safe to share. */
    private record SecondText(long second, String text) {
        static final SecondText[] CACHE = new SecondText[8];
    }
}
