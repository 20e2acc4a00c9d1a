package dev.ripple.replica.internal;

import dev.ripple.events.RegionPosition;
import dev.ripple.replica.AppliedEntry;
import dev.ripple.replica.ApplyListener;
import dev.ripple.replica.ReplicaApplier;
import dev.ripple.replica.ReplicaConfig;
import dev.ripple.replica.ReplicaException;
import dev.ripple.replica.ReplicaStore;
import dev.ripple.runtime.consume.ConsumeLoop;
import dev.ripple.runtime.consume.LoopThread;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ReplicaApplier}: lifecycle and thread around a {@link ConsumeLoop} running an {@link ApplierStep}. */
public final class KafkaReplicaApplier implements ReplicaApplier {
    /** MDC key set on the loop thread, so every log line of an applier names its region. */
    public static final String MDC_REGION = "ripple.region";
    private static final Logger log = LoggerFactory.getLogger(KafkaReplicaApplier.class);
    private static final long STORE_WAIT_MS = 30_000;

    private final ReplicaConfig config;
    private final ReplicaStore store;
    private final Clock clock;
    private final BatchRunner runner;
    private final ApplierMetrics metrics;
    private final AppliedView view;
    private final AtomicReference<State> state = new AtomicReference<>(State.CREATED);
    private final List<ApplyListener> listeners = new CopyOnWriteArrayList<>();
    private volatile RegionPosition position;
    private volatile Throwable failure;
    private volatile ConsumeLoop<byte[], Void> loop;
    private volatile LoopThread thread;

    public KafkaReplicaApplier(ReplicaConfig config, ReplicaStore store, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        if (!store.region().equals(config.region())) {
            throw new IllegalArgumentException("The store holds region " + store.region() + " but the applier "
                    + "replicates region " + config.region());
        }
        List<HttpTarget> targets = config.httpTargets().stream()
                .map(uri -> new HttpTarget(config.region(), uri, config.http(), clock, config.partitions())).toList();
        this.runner = new BatchRunner(store, targets);
        this.metrics = new ApplierMetrics(config.region(), targets);
        this.view = new AppliedView(config.epoch());
        this.position = view.snapshot(config.region(), clock.instant());
    }

    @Override
    public void start() {
        transition(State.CREATED, State.RUNNING);
        KafkaConsumer<String, byte[]> consumer = null;
        KafkaProducer<String, RegionPosition> producer = null;
        try {
            KafkaClients.ensurePositionsTopic(config);
            for (int p = 0; p < config.partitions(); p++) {
                view.merge(store.position(p).toCompletableFuture().get(STORE_WAIT_MS, TimeUnit.MILLISECONDS));
            }
            position = view.snapshot(config.region(), clock.instant());
            consumer = KafkaClients.consumer(config);
            producer = KafkaClients.positionsProducer(config);
            loop = ConsumeLoop.create(consumer, ApplierStep.options(config), clock);
            ApplierStep step = new ApplierStep(config, store, clock, runner, metrics, view, loop, producer,
                    this::applied);
            thread = LoopThread.start("ripple-replica-" + config.region(), Map.of(MDC_REGION, config.region()),
                    false, loop, step, this::failed, List.of(producer, consumer));
        } catch (Exception e) {
            close(consumer, producer);
            fail(e);
            throw e instanceof ReplicaException r ? r : new ReplicaException("The applier of region "
                    + config.region() + " could not start: " + e.getMessage(), e);
        }
        log.info("Applier of region {} started on {} (group {}, position {})", config.region(), config.regionTopic(),
                config.groupId(), position.applied());
    }

    private void failed(Throwable e) {
        fail(e);
        log.error("Applier of region {} failed and stopped: {}", config.region(), e.toString(), e);
    }

    private void applied(List<AppliedEntry> entries, RegionPosition now) {
        position = now;
        for (ApplyListener listener : listeners) {
            try {
                listener.applied(entries, now);
            } catch (RuntimeException e) {
                log.warn("An apply listener of region {} failed: {}", config.region(), e.toString());
            }
        }
    }

    private void fail(Throwable e) {
        failure = e;
        state.getAndUpdate(s -> s.isValidTransition(State.FAILED) ? State.FAILED : s);
    }

    @Override
    public State state() {
        return state.get();
    }

    @Override
    public String region() {
        return config.region();
    }

    @Override
    public RegionPosition position() {
        return position;
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public AutoCloseable addListener(ApplyListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    @Override
    public MeterBinder metrics() {
        return metrics;
    }

    @Override
    public void hold(boolean hold) {
        ConsumeLoop<?, ?> running = loop;
        if (running != null) {
            running.hold(hold);
        }
    }

    @Override
    public void close() {
        State previous = state.getAndUpdate(s -> s == State.RUNNING ? State.CLOSING
                : s == State.CREATED || s == State.FAILED ? State.CLOSED : s);
        if (previous == State.CLOSED || previous == State.CLOSING) {
            return;
        }
        LoopThread running = thread;
        if (running != null) {
            running.stop(Duration.ofSeconds(60));
        }
        runner.close();
        state.set(State.CLOSED);
        log.info("Applier of region {} closed at position {}", config.region(), position.applied());
    }

    private void transition(State from, State to) {
        if (!state.compareAndSet(from, to)) {
            throw new IllegalStateException("Cannot go from " + state.get() + " to " + to + " for the applier of "
                    + "region " + config.region());
        }
    }

    private static void close(KafkaConsumer<?, ?> consumer, KafkaProducer<?, ?> producer) {
        if (consumer != null) {
            try {
                consumer.close();
            } catch (RuntimeException e) {
                log.debug("Closing the consumer failed: {}", e.toString());
            }
        }
        if (producer != null) {
            producer.close();
        }
    }
}
