package dev.ripple.propagator.internal;

import java.time.Duration;
import java.util.Objects;
import org.apache.kafka.streams.processor.Cancellable;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.ProcessorContext;

/**
 * A wall-clock punctuator scheduled only while it has work. Streams marks a task as needing a commit after every
 * punctuation, whatever the punctuator did, so one that fires on an idle task makes its stream thread commit a
 * transaction (offsets, {@code EndTxn}, a marker) every commit interval for nothing: the watermark (50 ms) and
 * dependency (100 ms) punctuators kept an idle exactly-once propagator committing about 20 transactions a second.
 * Not thread-safe: one task's thread.
 */
final class OnDemandPunctuator {
    /** One firing at {@code now}; answers whether there is more to do (false: unscheduled until woken). */
    interface Work {
        boolean fire(long now);
    }

    private final ProcessorContext<?, ?> context;
    private final Duration interval;
    private final Work work;
    private Cancellable scheduled;

    OnDemandPunctuator(ProcessorContext<?, ?> context, Duration interval, Work work) {
        this.context = Objects.requireNonNull(context, "context");
        this.interval = Objects.requireNonNull(interval, "interval");
        this.work = Objects.requireNonNull(work, "work");
    }

    /** Schedules it every interval from now, unless it is scheduled: there may be work. */
    void wake() {
        if (scheduled == null) {
            scheduled = context.schedule(interval, PunctuationType.WALL_CLOCK_TIME, this::fire);
        }
    }

    boolean isScheduled() {
        return scheduled != null;
    }

    private void fire(long now) {
        if (!work.fire(now) && scheduled != null) {
            scheduled.cancel();
            scheduled = null;
        }
    }
}
