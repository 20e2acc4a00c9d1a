package dev.ripple.cli.up;

import dev.ripple.propagator.Delivery;
import dev.ripple.runtime.Checks;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.Properties;

/**
 * The settings of {@code ripple up} that trade end-to-end latency against CPU per event. Each can be overridden
 * with a JVM system property of the same name ({@code java -Dripple.up.propagator.commit-interval-ms=100 -jar
 * ripple.jar up}). Immutable.
 *
 * @param propagatorCommitInterval how often the propagator commits its exactly-once transaction (Streams
 *     {@code commit.interval.ms}). Region topics are read {@code read_committed}, so a record reaches the appliers
 *     and purgers only at the commit after it: this adds up to the whole interval to every event, half on average.
 *     Shorter means more transactions (markers on every output partition, an offset commit) per second
 * @param consumerFetchMaxWait Kafka {@code fetch.max.wait.ms} of the appliers' and purgers' consumers: how long the
 *     broker holds a fetch that has nothing to return
 * @param intakeLinger Kafka {@code linger.ms} of the intake's producer: how long a send waits for others to batch
 * @param delivery the propagator's delivery mode ({@link Delivery}); {@code ripple up --delivery} and the
 *     environment variable {@code RIPPLE_DELIVERY} win over the property. Under at-least-once the commit interval
 *     no longer delays anything (records are readable as soon as they are written), while each commit still
 *     blocks the stream thread for a producer flush: that mode commits every 100 ms unless the property says
 *     otherwise ({@link #defaults(Delivery)})
 */
public record UpTuning(Duration propagatorCommitInterval, Duration consumerFetchMaxWait, Duration intakeLinger,
        Delivery delivery) {
    public static final String COMMIT_INTERVAL = "ripple.up.propagator.commit-interval-ms";
    public static final String FETCH_MAX_WAIT = "ripple.up.consumer.fetch-max-wait-ms";
    public static final String INTAKE_LINGER = "ripple.up.intake.linger-ms";
    public static final String DELIVERY = "ripple.up.delivery";

    public UpTuning {
        Checks.millis(propagatorCommitInterval, COMMIT_INTERVAL, 1, 60_000);
        Checks.millis(consumerFetchMaxWait, FETCH_MAX_WAIT, 0, 30_000);
        Checks.millis(intakeLinger, INTAKE_LINGER, 0, 1_000);
        Objects.requireNonNull(delivery, "delivery");
    }

    /**
     * Commits every 5 ms, fetches held up to 500 ms (Kafka's default), the intake not lingering.
     *
     * <p>Why 5 ms and not Streams' 100 ms under exactly-once: region topics are read {@code read_committed}, so an
     * event waits for the commit after it, half the interval on average, plus the commit itself. In {@code ripple
     * bench e2e} (shared 2-core machine, load 16–33) the stage "propagator emits → applied in every region" had a
     * median of 118–130 ms at 100 ms and 38–51 ms at 20 ms. Below 20 ms the poll no longer stood in the way: the
     * propagator's stream threads wake when a commit is due (its {@code OnTimeCommits}) rather than after a whole
     * {@code poll.ms}, so an idle propagator pays nothing for the shorter interval. In {@code ripple bench http-e2e
     * --events 5000} back to back (BENCHMARKS "Issue 26"), one event per POST at 500/s reached the sink in 16 ms at
     * the median with 10 ms and a 2-ms intake linger, 9.4 ms with 5 ms and none; batches of 100 in 28 and 19 ms;
     * the blasts and Ripple's CPU per event stayed within the run-to-run noise, the broker's CPU at 500/s rose by a
     * quarter. The price is throughput under a sustained load: each commit blocks the stream thread for a producer
     * flush, offsets and {@code EndTxn}. Set 100 for throughput. The production propagator ({@code ripple
     * propagator}) keeps its own default. {@code fetch.max.wait.ms} made no difference (a fetch returns as soon as
     * a commit makes records visible): 50 ms measured the same as 500.
     *
     * <p>Why no intake linger: 2 ms of it were 2 ms of every event's latency at ordinary load (the intake's answer
     * to one event per POST at 500/s: 2.6 ms at the median with 2 ms, 0.8 ms with none); its producer still batches
     * what arrives while a send is in flight, so a burst is still sent in batches.
     */
    public static UpTuning defaults() {
        return defaults(Delivery.EXACTLY_ONCE);
    }

    /**
     * The defaults in a delivery mode: as {@link #defaults()}, but at-least-once, the latency mode, commits every
     * 100 ms. Why: with nothing waiting for a commit, a shorter interval only adds stalls — each commit flushes the
     * producer on the stream thread. In {@code ripple bench e2e} (load 23–50) at-least-once spent 4,875 commits ×
     * 3.7 ms flushing at 20 ms against 1,517 × 5.2 ms at 100 ms, and its end-to-end median was 8.6–14 ms against
     * 6.5 ms. The price is a longer replay after a crash (up to 100 ms of events).
     */
    public static UpTuning defaults(Delivery mode) {
        return new UpTuning(Duration.ofMillis(commitIntervalMillis(mode)), Duration.ofMillis(500), Duration.ZERO,
                mode);
    }

    private static long commitIntervalMillis(Delivery mode) {
        return mode == Delivery.AT_LEAST_ONCE ? 100 : 5;
    }

    /**
     * These settings with any of the four properties that {@code properties} holds (milliseconds, a mode). A
     * property that changes the mode brings that mode's default commit interval, unless its property is given too.
     */
    public UpTuning overriddenBy(Properties properties) {
        String mode = properties.getProperty(DELIVERY);
        Delivery chosen = mode == null ? delivery : Delivery.of(mode, DELIVERY);
        UpTuning base = chosen == delivery ? this : defaults(chosen);
        return new UpTuning(millis(properties, COMMIT_INTERVAL, base.propagatorCommitInterval),
                millis(properties, FETCH_MAX_WAIT, consumerFetchMaxWait),
                millis(properties, INTAKE_LINGER, intakeLinger), chosen);
    }

    /** The defaults, overridden by this JVM's system properties. */
    public static UpTuning fromSystemProperties() {
        return defaults().overriddenBy(System.getProperties());
    }

    /** The defaults of {@code mode}, overridden by this JVM's system properties but the mode's. */
    public static UpTuning fromSystemProperties(Delivery mode) {
        Properties properties = new Properties();
        properties.putAll(System.getProperties());
        properties.remove(DELIVERY);
        return defaults(mode).overriddenBy(properties);
    }

    /** Kafka overrides for the propagator (Streams properties). */
    Map<String, String> propagatorOverrides() {
        return Map.of("commit.interval.ms", Long.toString(propagatorCommitInterval.toMillis()));
    }

    /** Kafka overrides for the appliers' and purgers' consumers. */
    Map<String, String> consumerOverrides() {
        return Map.of("fetch.max.wait.ms", Long.toString(consumerFetchMaxWait.toMillis()));
    }

    /** Kafka overrides for the intake's producer. */
    Map<String, String> intakeOverrides() {
        return Map.of("linger.ms", Long.toString(intakeLinger.toMillis()));
    }

    private static Duration millis(Properties properties, String name, Duration fallback) {
        String value = properties.getProperty(name);
        if (value == null) {
            return fallback;
        }
        try {
            return Duration.ofMillis(Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("Invalid value " + value + " for configuration " + name
                    + ": must be a whole number of milliseconds", e);
        }
    }
}
