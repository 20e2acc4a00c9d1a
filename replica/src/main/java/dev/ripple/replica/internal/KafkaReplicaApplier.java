package dev.ripple.replica.internal;

import dev.ripple.events.EventSerdes;
import dev.ripple.events.RegionPosition;
import dev.ripple.replica.AppliedEntry;
import dev.ripple.replica.ApplyListener;
import dev.ripple.replica.ReplicaApplier;
import dev.ripple.replica.ReplicaConfig;
import dev.ripple.replica.ReplicaException;
import dev.ripple.replica.ReplicaStore;
import dev.ripple.runtime.consume.ConsumeLoop;
import dev.ripple.runtime.consume.LoopThread;
import dev.ripple.runtime.deadletter.DeadLetter;
import dev.ripple.runtime.deadletter.DeadLetterEncoder;
import dev.ripple.runtime.deadletter.DeadLetterWriter;
import dev.ripple.runtime.kafka.ConsumerGroups;
import dev.ripple.runtime.kafka.GroupOffsets;
import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import dev.ripple.runtime.kafka.RippleTopics;
import dev.ripple.runtime.kafka.TopicProvisioner;
import dev.ripple.runtime.kafka.TopicSpec;
import dev.ripple.runtime.lifecycle.Lifecycle;
import dev.ripple.runtime.lifecycle.State;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ReplicaApplier}: lifecycle and thread around a {@link ConsumeLoop} running an {@link ApplierStep}. */
public final class KafkaReplicaApplier implements ReplicaApplier {
    /** MDC key set on the loop thread, so every log line of an applier names its region. */
    public static final String MDC_REGION = "ripple.region";
    private static final Logger log = LoggerFactory.getLogger(KafkaReplicaApplier.class);
    private static final long STORE_WAIT_MS = 30_000;
    private static final Duration KAFKA_WAIT = Duration.ofSeconds(30);

    private final ReplicaConfig config;
    private final ReplicaStore store;
    private final Clock clock;
    private final BatchRunner runner;
    private final ApplierMetrics metrics;
    private final AppliedView view;
    private final Lifecycle lifecycle;
    private final List<ApplyListener> listeners = new CopyOnWriteArrayList<>();
    private final ScheduledExecutorService retries;
    private volatile KafkaProducer<String, byte[]> deadLetterProducer;
    private volatile DeadLetterWriter deadLetters;
    private volatile RegionPosition position;
    private volatile Throwable failure;
    private volatile ConsumeLoop<byte[], Void> loop;
    private volatile LoopThread thread;

    public KafkaReplicaApplier(ReplicaConfig config, ReplicaStore store, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.store = Objects.requireNonNull(store, "store");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifecycle = Lifecycle.of("the applier of region " + config.region());
        if (!store.region().equals(config.region())) {
            throw new IllegalArgumentException("The store holds region " + store.region() + " but the applier "
                    + "replicates region " + config.region());
        }
        this.retries = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "ripple-replica-retries-" + config.region());
            thread.setDaemon(true);
            return thread;
        });
        List<HttpTarget> targets = config.httpTargets().stream()
                .map(uri -> new HttpTarget(config.region(), uri, config.http(), clock, config.partitions(), retries,
                        this::deadLetter)).toList();
        this.runner = new BatchRunner(store, config.regionTopic(), targets);
        this.metrics = new ApplierMetrics(config.region(), targets);
        this.view = new AppliedView(config.epoch().current());
        this.position = view.snapshot(config.region(), clock.instant(), Set.of());
    }

    @Override
    public void start() {
        lifecycle.transition(State.NEW, State.STARTING);
        KafkaConsumer<String, byte[]> consumer = null;
        KafkaProducer<String, RegionPosition> producer = null;
        try {
            KafkaSettings kafka = KafkaSettings.of(config.bootstrapServers(), config.kafkaOverrides(),
                    ConsumerGroups.of(config.topics()).replica(config.region()));
            prepareKafka(kafka);
            for (int p = 0; p < config.partitions(); p++) {
                view.merge(store.position(p).toCompletableFuture().get(STORE_WAIT_MS, TimeUnit.MILLISECONDS));
            }
            position = view.snapshot(config.region(), clock.instant(), Set.of());
            // the propagator creates the region topic, co-partitioned with the streams; the consumer waits for it
            consumer = KafkaClients.consumer(kafka, null, config.groupId(), Map.of("max.poll.records",
                    config.limits().maxPollRecords()), new StringDeserializer(), new ByteArrayDeserializer());
            producer = KafkaClients.idempotentProducer(kafka, "positions", Map.of("linger.ms", 0),
                    new StringSerializer(), EventSerdes.regionPosition().serializer());
            if (!config.httpTargets().isEmpty()) {
                // a dead letter counts once acknowledged by every in-sync replica
                deadLetterProducer = KafkaClients.idempotentProducer(kafka, "dlq", Map.of(), new StringSerializer(),
                        new ByteArraySerializer());
                deadLetters = DeadLetterWriter.kafka(deadLetterProducer, deadLetterTopic(config),
                        new DeadLetterEncoder(deadLetterConsumer(config), clock,
                                DeadLetterEncoder.DEFAULT_MAX_RECORD_BYTES), retries);
            }
            loop = ConsumeLoop.create(consumer, ApplierStep.options(config), clock);
            ApplierStep step = new ApplierStep(config, store, clock, runner, metrics, view, loop, producer,
                    this::applied);
            lifecycle.toIfLegal(State.RUNNING);
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

    /**
     * Creates {@code ripple.positions} (and, with HTTP targets, the region's dead-letter topic) unless they exist
     * and, on the first start after the group's rename to {@code ripple-replica-<region>}, carries the offsets of
     * {@code ripple.replica.<region>} over.
     */
    private void prepareKafka(KafkaSettings kafka) {
        RippleTopics topics = RippleTopics.of(config.topics(), config.partitions());
        List<TopicSpec> specs = new ArrayList<>(List.of(topics.positions()));
        if (!config.httpTargets().isEmpty()) {
            specs.add(topics.dlq(deadLetterConsumer(config)));
        }
        try (Admin admin = KafkaClients.admin(kafka)) {
            TopicProvisioner.ensure(admin, specs, KAFKA_WAIT);
            ConsumerGroups.legacyOf(config.groupId()).ifPresent(
                    legacy -> GroupOffsets.adoptLegacy(admin, config.groupId(), legacy, KAFKA_WAIT));
        }
    }

    private void failed(Throwable e) {
        fail(e);
        log.error("Applier of region {} failed and stopped: {}", config.region(), e.toString(), e);
    }

    /** The consumer name in the region's dead letters: {@code replica.<region>}. */
    static String deadLetterConsumer(ReplicaConfig config) {
        return "replica." + config.region();
    }

    /** Where records an HTTP target refused go: {@code ripple.dlq.replica.<region>}. */
    static String deadLetterTopic(ReplicaConfig config) {
        return config.topics().dlq(deadLetterConsumer(config));
    }

    private CompletableFuture<Void> deadLetter(DeadLetter letter) {
        DeadLetterWriter writer = deadLetters;
        return writer == null ? CompletableFuture.failedFuture(new IllegalStateException("The applier of region "
                + config.region() + " is not running")) : writer.send(letter);
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
        lifecycle.toIfLegal(State.FAILED);
    }

    @Override
    public State state() {
        return lifecycle.state();
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
        if (lifecycle.toIfLegal(State.STOPPING).isClosing()) {
            return;
        }
        LoopThread running = thread;
        if (running != null) {
            running.stop(Duration.ofSeconds(60));
        }
        runner.close();
        DeadLetterWriter writer = deadLetters;
        if (writer != null) {
            writer.close();
        }
        KafkaProducer<String, byte[]> dlq = deadLetterProducer;
        if (dlq != null) {
            dlq.close();
        }
        retries.shutdownNow();
        lifecycle.transition(State.STOPPING, State.STOPPED);
        log.info("Applier of region {} closed at position {}", config.region(), position.applied());
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
