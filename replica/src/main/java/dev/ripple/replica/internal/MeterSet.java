package dev.ripple.replica.internal;

import io.micrometer.core.instrument.DistributionSummary;
import io.micrometer.core.instrument.FunctionCounter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tags;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;

/**
 * Meters recorded before anyone binds them: counters and gauges are plain adders read by function meters, timers
 * and summaries are registered in each bound registry and recorded into all of them. (A composite registry would
 * do the same but warns when a registry is added after the first meter.) Thread-safe.
 */
class MeterSet implements MeterBinder {
    private final Tags common;
    private final List<Consumer<MeterRegistry>> binders = new ArrayList<>();

    MeterSet(Tags common) {
        this.common = common;
    }

    /** A monotonic count. */
    final LongAdder counter(String name, String description, Tags tags) {
        LongAdder adder = new LongAdder();
        binders.add(r -> FunctionCounter.builder(name, adder, LongAdder::doubleValue).description(description)
                .tags(common.and(tags)).register(r));
        return adder;
    }

    /** A value that goes up and down. */
    final AtomicLong gauge(String name, String description, Tags tags) {
        AtomicLong value = new AtomicLong();
        binders.add(r -> Gauge.builder(name, value, AtomicLong::doubleValue).description(description)
                .tags(common.and(tags)).register(r));
        return value;
    }

    /** Adds a meter of another kind, registered on bind. */
    final void onBind(Consumer<MeterRegistry> binder) {
        binders.add(binder);
    }

    final Tags common() {
        return common;
    }

    /** Durations with p50 and p99. */
    final Timers timer(String name, String description) {
        Timers timers = new Timers();
        binders.add(r -> timers.bound.add(Timer.builder(name).description(description).tags(common)
                .publishPercentiles(0.5, 0.99).register(r)));
        return timers;
    }

    final Summaries summary(String name, String description) {
        Summaries summaries = new Summaries();
        binders.add(r -> summaries.bound.add(DistributionSummary.builder(name).description(description).tags(common)
                .register(r)));
        return summaries;
    }

    @Override
    public final void bindTo(MeterRegistry registry) {
        binders.forEach(b -> b.accept(registry));
    }

    /** One timer per bound registry. */
    static final class Timers {
        private final List<Timer> bound = new CopyOnWriteArrayList<>();

        void record(Duration duration) {
            for (Timer timer : bound) {
                timer.record(duration);
            }
        }
    }

    /** One summary per bound registry. */
    static final class Summaries {
        private final List<DistributionSummary> bound = new CopyOnWriteArrayList<>();

        void record(double amount) {
            for (DistributionSummary summary : bound) {
                summary.record(amount);
            }
        }
    }
}
