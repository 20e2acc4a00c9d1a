package dev.ripple.conittracker;

import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.ConfigView;
import dev.ripple.config.ConitDoc;
import dev.ripple.consistency.ConitBounds;
import dev.ripple.consistency.ConitState;
import dev.ripple.consistency.ConitViolation;
import dev.ripple.consistency.ConitWrite;
import dev.ripple.consistency.Position;
import dev.ripple.events.ConitStatus;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.RegionPosition;
import dev.ripple.runtime.lifecycle.Lifecycle;
import dev.ripple.runtime.lifecycle.State;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.errors.RetriableException;
import org.apache.kafka.common.errors.WakeupException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Joins the accepted writes of every source stream ({@code ripple.stream.<stream>}, read committed, matched to conits
 * as the intake matches them; read only while the config has a conit) with {@code ripple.positions} and publishes
 * each conit's errors per region on {@code ripple.conit-status}: measured every {@code publishInterval} while any
 * write is unapplied (and at once when a record or a config change arrives), published when the measure changed and
 * otherwise as a heartbeat every
 * {@link #heartbeatMs} (1 s, or a quarter of the conit's {@code staleness_ms} if less), so a reader can tell a fresh
 * status from an old one by its {@code at}. A write counts from the moment the intake's send is acknowledged,
 * whatever the propagator's lag, and its age is measured from the record's timestamp (the intake's clock, or the
 * broker's append time), capped at when the tracker read it, never from the client's {@code meta.dt}. Nothing is
 * published until the tracker has read both up to where they ended when it started, nor, after the config had no
 * conit, until it has read the streams up to where they ended when the first one came. Conits, streams and regions
 * come from the config view, so changes take effect at the next measurement. One thread owns the consumer, the
 * ledger and the {@link StatusPublisher}.
 *
 * <pre>
 * start() ──▶ RUNNING ──close()──▶ STOPPED
 *                 │                     ▲
 *                 └──(error)──▶ FAILED ─┘
 * </pre>
 */
public final class ConitTracker implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(ConitTracker.class);
    /** How often the config's streams are checked for topics to take up or let go. */
    private static final long FOLLOW_INTERVAL_MS = 1_000;
    /** After a lookup Kafka did not answer, how long until the streams are looked up again; measuring goes on. */
    private static final long UNANSWERED_FOLLOW_DELAY_MS = 5_000;
    /** The longest an unchanged status goes unpublished ({@link #heartbeatMs}). */
    static final long HEARTBEAT_MAX_MS = 1_000;

    private final ConitTrackerConfig config;
    private final ConfigView view;
    private final Clock clock;
    private final ConitLedger ledger;
    private final Map<String, Position> positions = new HashMap<>();
    /** The epoch the ledger's writes are of; -1 before the first measurement. */
    private long ledgerEpoch = -1;
    private final AtomicReference<Map<String, ConitStatus>> current = new AtomicReference<>(Map.of());
    private final Lifecycle lifecycle = Lifecycle.running("the conit tracker");
    private final KafkaConsumer<String, byte[]> consumer;
    private final StatusPublisher statuses;
    private final Thread thread;
    private volatile Throwable failure;
    private final ConitMetrics metrics = new ConitMetrics(this);
    private final SourceWrites sourceWrites = new SourceWrites();
    private final TrackedPartitions tracked;
    private final List<Runnable> listeners = new CopyOnWriteArrayList<>();
    private final CompletableFuture<Void> caughtUp = new CompletableFuture<>();
    /** Counted down by {@link #close()}: what the loop waits on while it has nothing to poll. */
    private final CountDownLatch closing = new CountDownLatch(1);
    private volatile Set<String> followedStreams = Set.of();

    private ConitTracker(ConitTrackerConfig config, ConfigView view, Clock clock) {
        this.config = config;
        this.view = view;
        this.clock = clock;
        this.ledger = new ConitLedger(config.maxEntriesPerConit());
        this.consumer = ConitTopics.consumer(config);
        this.statuses = new StatusPublisher(ConitTopics.producer(config), config.topics().conitStatus());
        this.tracked = new TrackedPartitions(consumer, config.topics());
        this.thread = new Thread(this::run, "ripple-conit-tracker");
        this.thread.setDaemon(true);
    }

    /**
     * Creates the topics it needs, reads the positions and (while the config has a conit) the existing source streams
     * from the beginning and starts measuring.
     */
    public static ConitTracker start(ConitTrackerConfig config, ConfigView view, Clock clock) {
        ConitTopics.ensure(config);
        ConitTracker tracker = new ConitTracker(config, view, clock);
        tracker.thread.start();
        ConfigSnapshot snapshot = view.snapshot();
        log.info("Conit tracker running: {} conit(s), {} region(s){}", snapshot.conits().size(),
                snapshot.regions().size(), snapshot.conits().isEmpty() ? "; no conit, so the source streams are not "
                        + "read until one is configured" : "");
        return tracker;
    }

    /** The latest status of every conit, by name; empty until the tracker has caught up. Thread-safe. */
    public Map<String, ConitStatus> current() {
        return current.get();
    }

    /** Has the tracker caught up and published its first measurement? Until then no status is current. */
    public boolean caughtUp() {
        return caughtUp.isDone() && !caughtUp.isCompletedExceptionally();
    }

    /**
     * Waits until {@link #caughtUp()}: a read gate fails closed on a conit without a status, so whoever starts a
     * read API beside the tracker may wait for this before calling itself ready.
     *
     * @throws IllegalStateException if the tracker failed or stopped first, or {@code timeout} passed
     */
    public void awaitCaughtUp(Duration timeout) {
        try {
            caughtUp.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new IllegalStateException("The conit tracker did not catch up within " + timeout + " (state "
                    + state() + ")" + failure().map(f -> ": " + f.getMessage()).orElse(""), e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("Interrupted waiting for the conit tracker", e);
        }
    }

    /**
     * Runs {@code listener} on the tracker's thread after each measurement, once {@link #current()} holds it (how a
     * read gate in the same process wakes the reads it holds). It must be quick and must not throw.
     */
    public void onMeasured(Runnable listener) {
        listeners.add(listener);
    }

    /** The tracker's gauges. */
    public io.micrometer.core.instrument.binder.MeterBinder metrics() {
        return metrics;
    }

    public State state() {
        return lifecycle.state();
    }

    /** What stopped the tracker's loop, if it failed. */
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    /** The source stream topics the tracker reads now. */
    Set<String> followedStreams() {
        return followedStreams;
    }

    long ledgerSize() {
        return ledger.size();
    }

    long ledgerDropped() {
        return ledger.dropped();
    }

    private void run() {
        long nextMeasurement = 0;
        long nextFollow = 0;
        AutoCloseable configListener = view.addListener(this::configChanged);
        try {
            while (lifecycle.state() == State.RUNNING) {
                try {
                    ConfigSnapshot snapshot = view.snapshot();
                    if (clock.millis() >= nextFollow) {
                        nextFollow = clock.millis() + FOLLOW_INTERVAL_MS;
                        follow(snapshot);
                    }
                    if (tracked.nothingAssigned()) {
                        closing.await(FOLLOW_INTERVAL_MS, TimeUnit.MILLISECONDS); // no poll until a follow assigned
                    } else {
                        for (ConsumerRecord<String, byte[]> record : consumer.poll(pollTimeout(nextFollow))) {
                            take(record, snapshot);
                        }
                    }
                    if (clock.millis() >= nextMeasurement) {
                        measureAndPublish(snapshot);
                        nextMeasurement = clock.millis() + config.publishInterval().toMillis();
                    }
                } catch (WakeupException woken) {
                    // close() (the loop ends), or a config change: followed and measured now
                    nextFollow = 0;
                    nextMeasurement = 0;
                } catch (RetriableException unanswered) {
                    // a lookup (a stream's topic, a log's end or position) that Kafka did not answer in time
                    log.warn("The conit tracker could not reach Kafka ({}); it tries again", unanswered.getMessage());
                    nextFollow = clock.millis() + UNANSWERED_FOLLOW_DELAY_MS;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        } catch (RuntimeException e) {
            failure = e;
            lifecycle.toIfLegal(State.FAILED);
            log.error("Conit tracker stopped: {}", e.toString(), e);
        } finally {
            closeQuietly(configListener);
            caughtUp.completeExceptionally(new IllegalStateException("stopped"));
            consumer.close();
            statuses.close();
        }
    }

    /**
     * {@code publishInterval} while a write is unapplied somewhere or the tracker is catching up (statuses change
     * at every measurement); otherwise until the next heartbeat or follow, whichever comes first: a record arriving
     * ends the poll at once, and a config change wakes it.
     */
    private Duration pollTimeout(long nextFollow) {
        Duration busy = config.publishInterval();
        if (ledger.size() > 0 || !tracked.caughtUp()) {
            return busy;
        }
        long now = clock.millis();
        long next = nextFollow;
        Map<String, ConitDoc> conits = view.snapshot().conits();
        for (ConitStatus status : current.get().values()) {
            ConitDoc conit = conits.get(status.conit());
            if (conit != null) {
                next = Math.min(next, status.at().toEpochMilli() + heartbeatMs(conit));
            }
        }
        return Duration.ofMillis(Math.max(busy.toMillis(), next - now));
    }

    /**
     * Reads every configured source stream while the config has a conit, and none while it has none: a write of no
     * conit changes no status. A stream taken up again is read from its beginning, so a conit added to a config
     * without one counts the unapplied writes accepted before it.
     */
    private void follow(ConfigSnapshot snapshot) {
        Set<String> before = tracked.followedStreams();
        tracked.follow(snapshot.conits().isEmpty() ? Set.of() : snapshot.streams().keySet());
        Set<String> now = tracked.followedStreams();
        followedStreams = now;
        if (!now.equals(before)) {
            if (snapshot.conits().isEmpty()) {
                log.info("No conit in the config: the tracker does not read the source streams");
            } else if (!now.isEmpty()) {
                log.info("Reading source stream(s) {} from their beginning for {} conit(s)", now,
                        snapshot.conits().size());
            }
        }
    }

    private void configChanged(ConfigSnapshot previous, ConfigSnapshot next) {
        consumer.wakeup();
    }

    private static void closeQuietly(AutoCloseable closeable) {
        try {
            closeable.close();
        } catch (Exception e) {
            log.debug("Could not remove the config listener: {}", e.toString());
        }
    }

    /**
     * How long an unchanged status of {@code conit} may go unpublished: {@link #HEARTBEAT_MAX_MS}, or a quarter of
     * its {@code staleness_ms} if less, so a reader that ages statuses against that bound never finds one too old
     * while the tracker runs.
     */
    static long heartbeatMs(ConitDoc conit) {
        Long bound = conit.bounds() == null ? null : conit.bounds().stalenessMs();
        return bound == null ? HEARTBEAT_MAX_MS : Math.min(HEARTBEAT_MAX_MS, bound / 4);
    }

    /** Whether two statuses of a conit measured the same (their {@code at} aside). */
    static boolean sameMeasure(ConitStatus a, ConitStatus b) {
        return a.enforcement().equals(b.enforcement()) && a.bounds().equals(b.bounds())
                && a.regions().equals(b.regions());
    }

    private void take(ConsumerRecord<String, byte[]> record, ConfigSnapshot snapshot) {
        try {
            if (tracked.isSource(record.topic())) {
                for (ConitWrite write : sourceWrites.of(snapshot, record.topic(), record.partition(), record.offset(),
                        record.key(), record.value(), record.timestamp(), clock.millis())) {
                    ledger.add(write);
                }
            } else if (record.value() != null && !RegionPosition.isPurgePosition(record.key())) {
                RegionPosition position = EventSerdes.regionPosition().deserialize(record.topic(), record.value());
                positions.put(position.region(), position.applied());
            }
        } catch (RuntimeException e) {
            log.warn("Skipping an unreadable record at {}-{}@{}: {}", record.topic(), record.partition(),
                    record.offset(), e.getMessage());
        }
    }

    /** Measures every conit of {@code snapshot} (the one this loop turn followed) and publishes what is due. */
    private void measureAndPublish(ConfigSnapshot snapshot) {
        long epoch = snapshot.currentEpoch();
        if (epoch > ledgerEpoch) {
            if (ledgerEpoch >= 0) {
                log.info("Epoch {} is in force (was {}): the writes of epoch {} are no longer tracked", epoch,
                        ledgerEpoch, ledgerEpoch);
                ledger.clear();
            }
            ledgerEpoch = epoch;
        }
        if (snapshot.conits().isEmpty()) {
            ledger.clear(); // nothing to measure; the first conit to come reads the streams again from their beginning
        }
        List<Position> applied = snapshot.regions().keySet().stream().map(r -> applied(r, epoch)).toList();
        if (!tracked.caughtUp()) {
            ledger.trim(applied);
            return;
        }
        Map<String, ConitStatus> previous = current.get();
        Map<String, ConitStatus> next = new TreeMap<>();
        List<ConitStatus> due = new ArrayList<>();
        for (ConitDoc conit : snapshot.conits().values()) {
            ConitDoc.Bounds b = conit.bounds();
            ConitBounds bounds = b == null ? ConitBounds.unbounded()
                    : ConitBounds.of(b.stalenessMs(), b.maxUnapplied(), b.maxWeight());
            var writes = ledger.writes(conit.name());
            Map<String, ConitStatus.Region> regions = new TreeMap<>();
            for (String region : snapshot.regions().keySet()) {
                ConitState measured = ConitState.measure(conit.name(), writes, applied(region, epoch), clock);
                regions.put(region, new ConitStatus.Region(measured.orderError(), measured.numericalError(),
                        measured.stalenessMs(), measured.violations(bounds).stream().map(ConitViolation::toString)
                                .toList()));
            }
            ConitStatus status = new ConitStatus(conit.name(), conit.enforcement().json(), b == null
                    ? new ConitStatus.Bounds(null, null, null)
                    : new ConitStatus.Bounds(b.stalenessMs(), b.maxUnapplied(), b.maxWeight()), regions,
                    clock.instant());
            ConitStatus last = previous.get(conit.name());
            if (last != null && sameMeasure(last, status)
                    && status.at().toEpochMilli() - last.at().toEpochMilli() < heartbeatMs(conit)) {
                next.put(conit.name(), last);
                continue;
            }
            next.put(conit.name(), status);
            due.add(status);
        }
        List<String> removed = previous.keySet().stream().filter(c -> !next.containsKey(c)).toList();
        statuses.publish(due, removed, next.keySet());
        metrics.update(next);
        ledger.trim(applied);
        if (!due.isEmpty() || !removed.isEmpty() || !caughtUp.isDone()) {
            current.set(Map.copyOf(next));
            caughtUp.complete(null);
            listeners.forEach(Runnable::run);
        }
    }

    /** What {@code region} has applied in {@code epoch}: nothing until it publishes a position of that epoch. */
    private Position applied(String region, long epoch) {
        Position known = positions.get(region);
        return known == null || known.epoch() < epoch ? Position.empty(epoch) : known;
    }

    /** Stops measuring and closes the Kafka clients. Idempotent. */
    @Override
    public void close() {
        if (lifecycle.toIfLegal(State.STOPPING).isClosing()) {
            return;
        }
        closing.countDown();
        consumer.wakeup();
        try {
            thread.join(10_000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
        lifecycle.transition(State.STOPPING, State.STOPPED);
    }
}
