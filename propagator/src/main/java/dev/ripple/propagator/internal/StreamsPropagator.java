package dev.ripple.propagator.internal;

import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.ConfigView;
import dev.ripple.propagator.ActiveRuleSet;
import dev.ripple.propagator.Delivery;
import dev.ripple.propagator.DependencyLookup;
import dev.ripple.propagator.Propagator;
import dev.ripple.propagator.PropagatorConfig;
import dev.ripple.propagator.PropagatorException;
import dev.ripple.propagator.PropagatorMetrics;
import dev.ripple.propagator.PropagatorTopology;
import dev.ripple.propagator.RuleSet;
import dev.ripple.propagator.TopologyOptions;
import dev.ripple.runtime.lifecycle.Lifecycle;
import dev.ripple.runtime.lifecycle.State;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Comparator;
import java.util.Objects;
import java.util.Optional;
import java.util.Properties;
import java.util.concurrent.atomic.AtomicReference;
import java.util.stream.Stream;
import org.apache.kafka.streams.KafkaStreams;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.errors.StreamsUncaughtExceptionHandler.StreamThreadExceptionResponse;
import org.apache.kafka.streams.state.HostInfo;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link Propagator} on one {@link KafkaStreams} instance. */
public final class StreamsPropagator implements Propagator {
    private static final Logger log = LoggerFactory.getLogger(StreamsPropagator.class);

    private final PropagatorConfig config;
    private final ConfigView view;
    private final Clock clock;
    private final PropagatorMetrics metrics = new PropagatorMetrics();
    private final Lifecycle lifecycle;
    private final AtomicReference<Throwable> failure = new AtomicReference<>();
    private final DependencyQuery dependencies;
    private volatile ActiveRuleSet active = ActiveRuleSet.of(RuleSet.compile(ConfigSnapshot.EMPTY));
    private TopicAdmin topics;
    private RuleSetReloader reloader;
    private AutoCloseable listener;
    private volatile KafkaStreams streams;
    private Path ownedStateDir;

    public StreamsPropagator(PropagatorConfig config, ConfigView view, Clock clock) {
        this.config = Objects.requireNonNull(config, "config");
        this.view = Objects.requireNonNull(view, "view");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.lifecycle = Lifecycle.of("the propagator " + config.applicationId());
        String advertised = config.kafkaOverrides().get(StreamsConfig.APPLICATION_SERVER_CONFIG);
        this.dependencies = new DependencyQuery(() -> streams, advertised == null || advertised.isBlank() ? null
                : HostInfo.buildFromEndpoint(advertised), config.partitions());
    }

    @Override
    public synchronized void start() {
        lifecycle.transition(State.NEW, State.STARTING);
        try {
            topics = new TopicAdmin(config);
            ConfigSnapshot snapshot = view.snapshot();
            RuleSet initial = RuleSet.compile(snapshot);
            topics.ensure(topics.topicsOf(snapshot));
            active = ActiveRuleSet.of(initial);
            metrics.ruleSetVersion(initial.version());
            reloader = new RuleSetReloader(active, topics, metrics);
            listener = view.addListener(reloader);
            reloader.onChange(snapshot, view.snapshot()); // a change between the first read and the listener
            TopologyOptions options = new TopologyOptions(config.topics(), config.watermarkInterval(),
                    config.maxBufferedPurges(), config.maxRecordBytes(), clock, metrics);
            Properties properties = StreamsProperties.of(config, stateDir());
            Topology topology = PropagatorTopology.build(active, options);
            streams = config.delivery() == Delivery.EXACTLY_ONCE
                    ? new KafkaStreams(topology, properties, new OnTimeCommits(
                            StreamsProperties.commitInterval(properties), clock))
                    : new KafkaStreams(topology, properties);
            streams.setStateListener((now, before) -> onStreamsState(now));
            streams.setUncaughtExceptionHandler(e -> {
                failure.compareAndSet(null, e);
                log.error("Propagator {} stopped: a stream thread failed with {}", config.applicationId(),
                        e.toString(), e);
                return StreamThreadExceptionResponse.SHUTDOWN_CLIENT;
            });
            streams.start();
            log.info("Propagator {} starting on {}: rule set version {} (rules {}, regions {}), {} partitions",
                    config.applicationId(), config.bootstrapServers(), initial.version(), initial.ruleNames(),
                    initial.regions(), config.partitions());
        } catch (RuntimeException e) {
            failure.compareAndSet(null, e);
            lifecycle.toIfLegal(State.FAILED);
            release();
            throw e;
        }
    }

    private void onStreamsState(KafkaStreams.State now) {
        if (now == KafkaStreams.State.RUNNING && lifecycle.toIfLegal(State.RUNNING) == State.STARTING) {
            log.info("Propagator {} running", config.applicationId());
        } else if (now == KafkaStreams.State.ERROR || now == KafkaStreams.State.PENDING_ERROR) {
            lifecycle.toIfLegal(State.FAILED);
        }
    }

    private Path stateDir() {
        if (config.stateDir() != null) {
            return config.stateDir();
        }
        try {
            ownedStateDir = Files.createTempDirectory("ripple-propagator");
            return ownedStateDir;
        } catch (IOException e) {
            throw new PropagatorException("Could not create a temporary state directory: " + e, e);
        }
    }

    @Override
    public State state() {
        return lifecycle.state();
    }

    @Override
    public RuleSet ruleSet() {
        return active.current();
    }

    @Override
    public Optional<PropagatorException> lastRefusal() {
        RuleSetReloader r = reloader;
        return r == null ? Optional.empty() : r.lastRefusal();
    }

    @Override
    public Optional<Throwable> failure() {
        return Optional.ofNullable(failure.get());
    }

    @Override
    public DependencyLookup dependencies(String key, int sample) {
        return dependencies.lookup(key, sample);
    }

    @Override
    public PropagatorMetrics metrics() {
        return metrics;
    }

    @Override
    public synchronized void close() {
        State before = lifecycle.toIfLegal(State.STOPPING);
        if (before.isClosing()) {
            return;
        }
        release();
        lifecycle.transition(State.STOPPING, State.STOPPED);
        if (before != State.NEW) {
            log.info("Propagator {} closed", config.applicationId());
        }
    }

    /** Closes what start opened, in reverse order, each even if another fails. */
    private void release() {
        closeQuietly(listener, "config listener");
        closeQuietly(reloader, "rule set reloader");
        if (streams != null) {
            streams.close(config.closeTimeout());
        }
        closeQuietly(topics, "admin client");
        if (ownedStateDir != null) {
            deleteRecursively(ownedStateDir);
        }
    }

    private static void closeQuietly(AutoCloseable part, String what) {
        if (part == null) {
            return;
        }
        try {
            part.close();
        } catch (Exception e) {
            log.warn("Could not close the {} cleanly: {}", what, e.toString());
        }
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
        } catch (IOException | UncheckedIOException e) {
            log.warn("Could not delete {}: {}", dir, e.toString());
        }
    }
}
