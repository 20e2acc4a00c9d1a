package dev.ripple.cachepurger.internal;

import dev.ripple.cachepurger.CachePurger;
import dev.ripple.cachepurger.PurgeListener;
import dev.ripple.cachepurger.PurgeReceipt;
import dev.ripple.cachepurger.PurgerConfig;
import dev.ripple.cachepurger.PurgerException;
import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.ConfigView;
import dev.ripple.events.PurgeRequest;
import dev.ripple.events.RegionPosition;
import dev.ripple.events.SourcePosition;
import dev.ripple.runtime.consume.ConsumeLoop;
import dev.ripple.runtime.consume.LoopThread;
import dev.ripple.runtime.failure.Failures;
import dev.ripple.runtime.failure.GaveUpException;
import dev.ripple.runtime.http.BreakerState;
import dev.ripple.runtime.kafka.ConsumerGroups;
import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import dev.ripple.runtime.kafka.RippleTopics;
import dev.ripple.runtime.kafka.TopicProvisioner;
import dev.ripple.runtime.lifecycle.Lifecycle;
import dev.ripple.runtime.lifecycle.State;
import dev.ripple.runtime.redis.RedisResources;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link CachePurger} on a Kafka consumer group; see the interface for the behaviour. */
public final class KafkaCachePurger implements CachePurger, Dispatcher.Outcome {
    private static final Logger log = LoggerFactory.getLogger(KafkaCachePurger.class);

    private final PurgerConfig config;
    private final ConfigView view;
    private final Clock clock;
    private final PurgerMetrics metrics;
    private final Lifecycle lifecycle;
    private final List<PurgeListener> listeners = new CopyOnWriteArrayList<>();
    private final Deque<AutoCloseable> opened = new ArrayDeque<>();
    private final PurgePosition position;
    private volatile Throwable failure;
    private volatile Targets targets;
    private volatile ConsumeLoop<byte[], SourcePosition> loop;
    private TargetSet.Tools tools;
    private DeadLetters deadLetters;
    private LoopThread thread;

    public KafkaCachePurger(PurgerConfig config, ConfigView view, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.view = Objects.requireNonNull(view, "view");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.metrics = new PurgerMetrics(config.region());
        this.lifecycle = Lifecycle.of("the purger of " + config.region());
        this.position = new PurgePosition(config.region(), clock.instant());
    }

    @Override
    public synchronized void start() {
        lifecycle.transition(State.NEW, State.STARTING);
        try {
            ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread timer = new Thread(runnable, "ripple-purger-" + config.region() + "-timer");
                timer.setDaemon(true);
                return timer;
            });
            opened.push(() -> scheduler.shutdownNow());
            // the process's shared resources: reconnect attempts at most 1 s apart, so a Redis that comes back is
            // purged again within a second
            RedisResources.Lease redis = RedisResources.acquire();
            opened.push(redis);
            tools = new TargetSet.Tools(config, clock, scheduler, redis.resources(), metrics, this::breakerChanged);
            targets = new Targets(TargetSet.build(view.snapshot(), tools));
            opened.push(targets::close);
            KafkaSettings kafka = KafkaSettings.of(config.bootstrapServers(), config.kafkaOverrides(),
                    ConsumerGroups.of(config.topics()).purger(config.region()));
            ensureTopics(kafka);
            // dead letters and positions: acknowledged by every in-sync replica, idempotent
            KafkaProducer<String, byte[]> producer = KafkaClients.idempotentProducer(kafka, "out",
                    Map.of("linger.ms", 5), new StringSerializer(), new ByteArraySerializer());
            opened.push(() -> producer.close(Duration.ofSeconds(5)));
            KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(kafka, null, config.groupId(),
                    Map.of("max.poll.records", config.limits().maxPollRecords()), new StringDeserializer(),
                    new ByteArrayDeserializer());
            opened.push(consumer::close);
            KeyLanes lanes = new KeyLanes(config.limits().coalesceWindow());
            Dispatcher dispatcher = new Dispatcher(lanes, targets, config.limits().maxInFlight(),
                    config.limits().batchSize(), scheduler, clock, metrics, this);
            loop = ConsumeLoop.create(consumer, PurgeStep.options(config), clock);
            deadLetters = new DeadLetters(producer, config.topics().dlq(config.consumerName()), config.consumerName(),
                    scheduler, clock, origin -> done(List.of(origin)));
            PurgeStep step = new PurgeStep(config, loop, producer, lanes, dispatcher, targets, deadLetters,
                    position, this::epoch, clock, metrics);
            metrics.limits(config.limits());
            metrics.gauges(dispatcher::inFlight, lanes::queued, loop::pending, loop::pausedPartitions);
            opened.push(view.addListener(this::configChanged));
            lifecycle.transition(State.STARTING, State.RUNNING);
            thread = LoopThread.start("ripple-purger-" + config.region(), Map.of(), false, loop, step, this::failed,
                    List.of());
            log.info("Purger of {} started on {} (group {}), targets {}", config.region(),
                    config.topics().purge(config.region()), config.groupId(), targets.current().breakers().keySet());
            if (targets.current().docs().isEmpty()) {
                log.warn("Region {} has no purge targets (/ripple/purge-targets/{}/): its purges are acknowledged "
                        + "without effect until one is configured", config.region(), config.region());
            }
        } catch (RuntimeException e) {
            failure = e;
            closeOpened();
            lifecycle.toIfLegal(State.FAILED);
            throw e instanceof PurgerException ? e : new PurgerException("The purger of " + config.region()
                    + " could not start: " + e.getMessage(), e);
        }
    }

    private void failed(Throwable e) {
        failure = e;
        log.error("The purger of {} stopped: {}", config.region(), e.toString(), e);
        lifecycle.toIfLegal(State.FAILED);
    }

    private long epoch() {
        return view.snapshot().currentEpoch();
    }

    private void configChanged(ConfigSnapshot previous, ConfigSnapshot current) {
        String region = config.region();
        if (previous.purgeTargets(region).equals(current.purgeTargets(region))
                && Objects.equals(previous.regions().get(region), current.regions().get(region))) {
            return;
        }
        try {
            TargetSet next = TargetSet.build(current, tools);
            targets.swap(next);
            log.info("Purge targets of {} reloaded at revision {}: {}", region, current.revision(),
                    next.breakers().keySet());
        } catch (RuntimeException e) {
            log.error("Purge targets of {} at revision {} not taken: {}; the previous ones stay in force", region,
                    current.revision(), e.getMessage());
        }
    }


    /**
     * Creates, unless they exist, the region's purge topic (with the cluster's partition count, as the propagator
     * would), its dead-letter topic and {@code ripple.positions}.
     */
    private void ensureTopics(KafkaSettings kafka) {
        RippleTopics topics = RippleTopics.of(config.topics(), config.partitions());
        try (Admin admin = KafkaClients.admin(kafka)) {
            TopicProvisioner.ensure(admin, List.of(topics.purge(config.region()), topics.dlq(config.consumerName()),
                    topics.positions()), Duration.ofSeconds(30));
        }
    }
    @Override
    public void finished(List<TargetSet.Done> done) {
        Instant now = clock.instant();
        List<Origin> origins = new ArrayList<>(done.size());
        for (TargetSet.Done each : done) {
            if (each.failure() == null) {
                origins.addAll(each.job().origins()); // purged: committable whatever happens to its receipt
                try {
                    purged(each.job(), each.acks(), now);
                } catch (RuntimeException e) {
                    log.error("Could not hand out the receipt of {}", each.job(), e);
                }
            } else {
                failed(each.job(), each.failure());
            }
        }
        if (!origins.isEmpty()) {
            done(origins); // one hand-off to the loop per batch, not one per record
        }
    }

    /** These records are done (purged or dead-lettered); any thread. */
    private void done(List<Origin> origins) {
        ConsumeLoop<byte[], SourcePosition> running = loop;
        running.handBack(() -> origins.forEach(o -> running.complete(o.partition().partition(), o.offset())));
    }

    private void purged(PurgeJob job, List<PurgeReceipt.TargetAck> acks, Instant now) {
        PurgeRequest request = job.request();
        PurgeReceipt receipt = new PurgeReceipt(config.region(), request.key(), request.source(),
                job.origins().size(), acks, job.received(), now);
        metrics.purged(Duration.between(job.received(), now), Duration.between(request.source().dt(), now));
        log.debug("Done: {}: {}", job, receipt);
        for (PurgeListener listener : listeners) {
            try {
                listener.purged(receipt);
            } catch (RuntimeException e) {
                log.warn("A purge listener failed: {}", e.toString());
            }
        }
    }

    private void failed(PurgeJob job, Throwable why) {
        String reason = Failures.describe(why);
        int attempts = why instanceof GaveUpException gaveUp ? gaveUp.attempts() : 1;
        log.warn("The {} goes to {}: {}", job, config.topics().dlq(config.consumerName()), reason);
        metrics.deadLettered();
        job.origins().forEach(origin -> deadLetters.send(origin, reason, attempts, job.received()));
        for (PurgeListener listener : listeners) {
            try {
                listener.deadLettered(job.request(), reason);
            } catch (RuntimeException e) {
                log.warn("A purge listener failed: {}", e.toString());
            }
        }
    }

    private void breakerChanged(String target, BreakerState from, BreakerState to) {
        // open, then half-open trials, then open again every open_wait while a target is down: say it once
        if (from == BreakerState.CLOSED && to.holdsBack()) {
            log.warn("Purge target {}/{}: circuit breaker {} -> {}; its partitions pause while it is open, lag grows "
                    + "and nothing is dropped", config.region(), target, from, to);
        } else if (to == BreakerState.CLOSED) {
            log.info("Purge target {}/{}: circuit breaker {} -> {}; purging again", config.region(), target, from, to);
        } else {
            log.debug("Purge target {}/{}: circuit breaker {} -> {}", config.region(), target, from, to);
        }
        metrics.breakerChanged(target, from, to);
        for (PurgeListener listener : listeners) {
            try {
                listener.breakerChanged(target, from, to);
            } catch (RuntimeException e) {
                log.warn("A purge listener failed: {}", e.toString());
            }
        }
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
        return position.last();
    }

    @Override
    public Map<String, BreakerState> breakers() {
        Targets current = targets;
        return current == null ? Map.of() : current.current().breakers();
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure);
    }

    @Override
    public AutoCloseable addListener(PurgeListener listener) {
        listeners.add(Objects.requireNonNull(listener, "listener"));
        return () -> listeners.remove(listener);
    }

    @Override
    public MeterBinder metrics() {
        return metrics;
    }

    @Override
    public synchronized void close() {
        State previous = lifecycle.toIfLegal(State.STOPPING);
        if (previous.isClosing()) {
            return;
        }
        if (previous == State.RUNNING) {
            thread.stop(config.limits().closeTimeout().plusSeconds(10));
        }
        closeOpened();
        lifecycle.transition(State.STOPPING, State.STOPPED);
        log.info("Purger of {} closed", config.region());
    }

    private void closeOpened() {
        while (!opened.isEmpty()) {
            try {
                opened.pop().close();
            } catch (Exception e) {
                log.warn("Could not close part of the purger of {} cleanly: {}", config.region(), e.toString());
            }
        }
    }
}
