package dev.ripple.replica.internal;

import java.time.Duration;
import java.util.Objects;

/** Range checks for config records, with messages shaped "Invalid value X for configuration Y: reason". */
public final class Check {
    private Check() {}

    public static int range(int value, String name, int min, int max) {
        if (value < min || value > max) {
            throw invalid(value, name, "must be " + min + " to " + max);
        }
        return value;
    }

    public static long atLeast(long value, String name, long min) {
        if (value < min) {
            throw invalid(value, name, "must be at least " + min);
        }
        return value;
    }

    public static Duration positive(Duration value, String name) {
        Objects.requireNonNull(value, name);
        if (value.isNegative() || value.isZero()) {
            throw invalid(value, name, "must be positive");
        }
        return value;
    }

    public static Duration between(Duration value, String name, Duration min, Duration max) {
        Objects.requireNonNull(value, name);
        if (value.compareTo(min) < 0 || value.compareTo(max) > 0) {
            throw invalid(value, name, "must be " + min + " to " + max);
        }
        return value;
    }

    public static double range(double value, String name, double min, double max) {
        if (!(value >= min && value <= max)) {
            throw invalid(value, name, "must be " + min + " to " + max);
        }
        return value;
    }

    public static IllegalArgumentException invalid(Object value, String name, String reason) {
        return new IllegalArgumentException("Invalid value " + value + " for configuration " + name + ": " + reason);
    }
}
