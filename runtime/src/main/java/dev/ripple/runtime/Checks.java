package dev.ripple.runtime;

import java.time.Duration;

/**
 * Range checks for config records, written once. Each throws {@link IllegalArgumentException} shaped
 * "Invalid value X for configuration Y: reason" and returns the value it accepts; a null value is invalid.
 */
public final class Checks {
    private Checks() {}

    /** {@code value} if {@code min <= value <= max}; the reason reads "must be min to max". */
    public static int range(int value, String name, int min, int max) {
        require(value >= min && value <= max, name, value, "must be " + min + " to " + max);
        return value;
    }

    /** {@code value} if {@code min <= value <= max}; the reason reads "must be min to max". */
    public static long range(long value, String name, long min, long max) {
        require(value >= min && value <= max, name, value, "must be " + min + " to " + max);
        return value;
    }

    /** {@code value} if {@code min <= value <= max} (never NaN); the reason reads "must be min to max". */
    public static double range(double value, String name, double min, double max) {
        require(value >= min && value <= max, name, value, "must be " + min + " to " + max);
        return value;
    }

    /** {@code value} if at least {@code min}. */
    public static long atLeast(long value, String name, long min) {
        require(value >= min, name, value, "must be at least " + min);
        return value;
    }

    /** {@code value} if longer than zero. */
    public static Duration positive(Duration value, String name) {
        require(value != null && !value.isNegative() && !value.isZero(), name, value, "must be positive");
        return value;
    }

    /** {@code value} if zero or longer. */
    public static Duration notNegative(Duration value, String name) {
        require(value != null && !value.isNegative(), name, value, "must not be negative");
        return value;
    }

    /** {@code value} if {@code min <= value <= max}, shown as ISO-8601 durations. */
    public static Duration between(Duration value, String name, Duration min, Duration max) {
        require(value != null && value.compareTo(min) >= 0 && value.compareTo(max) <= 0, name, value,
                "must be " + min + " to " + max);
        return value;
    }

    /** {@code value} if {@code min <= value <= max} milliseconds, shown in milliseconds. */
    public static Duration millis(Duration value, String name, long min, long max) {
        require(value != null, name, null, "must be " + min + " to " + max + " ms");
        require(value.toMillis() >= min && value.toMillis() <= max, name, value.toMillis(),
                "must be " + min + " to " + max + " ms");
        return value;
    }

    /**
     * Any other rule.
     *
     * @param ok whether {@code value} obeys it
     * @param rule what a valid value is ("must be one of none, gzip, lz4")
     */
    public static void require(boolean ok, String name, Object value, String rule) {
        if (!ok) {
            throw invalid(value, name, rule);
        }
    }

    /** The exception the checks throw, for a caller that decides validity itself. */
    public static IllegalArgumentException invalid(Object value, String name, String reason) {
        return new IllegalArgumentException("Invalid value " + value + " for configuration " + name + ": " + reason);
    }
}
