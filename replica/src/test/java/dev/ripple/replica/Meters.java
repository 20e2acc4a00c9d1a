package dev.ripple.replica;

import io.micrometer.core.instrument.Measurement;
import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;

/** Reads meters in tests, whatever their kind. */
final class Meters {
    private Meters() {}

    /** The sum of the first measurement (count or value) of every meter of that name with those tags. */
    static double value(MeterRegistry registry, String name, String... tags) {
        double sum = 0;
        for (Meter meter : registry.find(name).tags(tags).meters()) {
            for (Measurement m : meter.measure()) {
                sum += m.getValue();
                break;
            }
        }
        return sum;
    }
}
