package dev.ripple.cli.wiring;

import dev.ripple.cli.parts.Parts;
import dev.ripple.conittracker.ConitTracker;
import dev.ripple.conittracker.ConitTrackerConfig;
import dev.ripple.events.ConitStatus;
import dev.ripple.runtime.server.Readiness;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** The conit tracker as a part: measures the context's conits and publishes {@code ripple.conit-status}. */
public final class ConitTrackerPart implements Part {
    private final ConitTracker tracker;

    private ConitTrackerPart(ConitTracker tracker) {
        this.tracker = tracker;
    }

    /** The tracker's settings: the defaults on the context's servers and topics, with its Kafka properties. */
    public static ConitTrackerConfig config(PartContext context) {
        return ConitTrackerConfig.defaults(context.kafka().bootstrapServers()).withTopics(context.topics())
                .withKafkaOverrides(context.kafka().properties());
    }

    /**
     * Starts the tracker and binds its meters.
     *
     * @throws IllegalStateException if its topics cannot be made
     */
    public static ConitTrackerPart start(PartContext context) {
        ConitTracker tracker = ConitTracker.start(config(context), context.requireConfig("conit tracker"),
                context.clock());
        context.metrics().bind(tracker.metrics());
        return new ConitTrackerPart(tracker);
    }

    /** The latest status of every conit, for parts of the same process that enforce them. */
    public Map<String, ConitStatus> current() {
        return tracker.current();
    }

    /** Runs {@code listener} after each measurement (a read gate of the same process wakes its waiting reads). */
    public void onMeasured(Runnable listener) {
        tracker.onMeasured(listener);
    }

    /** Waits for the tracker's first status ({@link ConitTracker#awaitCaughtUp}). */
    public void awaitCaughtUp(Duration timeout) {
        tracker.awaitCaughtUp(timeout);
    }

    @Override
    public List<Readiness.Part> readiness() {
        return List.of(Parts.conits(tracker));
    }

    @Override
    public String summary() {
        return "conit tracker";
    }

    @Override
    public void close() {
        tracker.close();
    }

    @Override
    public String toString() {
        return summary();
    }
}
