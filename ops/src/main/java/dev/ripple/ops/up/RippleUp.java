package dev.ripple.ops.up;

import dev.ripple.cachepurger.CachePurger;
import dev.ripple.cachepurger.PurgerConfig;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.DemoConfig;
import dev.ripple.config.EtcdOptions;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.EmbeddedRedis;
import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.ops.cli.SessionKeys;
import dev.ripple.ops.config.ConfigRoutes;
import dev.ripple.ops.conits.ConitTracker;
import dev.ripple.ops.propagator.PropagatorPart;
import dev.ripple.propagator.Propagator;
import dev.ripple.ops.conits.ConitTrackerConfig;
import dev.ripple.producer.Intake;
import dev.ripple.producer.IntakeConfig;
import dev.ripple.producer.PublisherConfig;
import dev.ripple.producer.ConitThrottle;
import dev.ripple.replica.ConitGate;
import dev.ripple.replica.ReplicaApplier;
import dev.ripple.replica.ReplicaService;
import dev.ripple.runtime.lifecycle.Lifecycle;
import dev.ripple.runtime.lifecycle.State;
import dev.ripple.ops.lag.LagMonitorConfig;
import dev.ripple.ops.server.AdminToken;
import dev.ripple.ops.server.Readiness;
import dev.ripple.ops.status.Parts;
import dev.ripple.ops.server.RippleHttpServer;
import dev.ripple.ops.status.Monitoring;
import io.javalin.config.JavalinConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in one JVM: an in-process Kafka broker, embedded Redis, the config store (in memory with
 * the demo config, or etcd) and one HTTP server carrying every component's API. Components are closed in the reverse order of their start, each even if another fails.
 *
 * <pre>
 * NEW ──start()──▶ STARTING ──▶ RUNNING ──close()──▶ STOPPING ──▶ STOPPED
 *                     │
 *                     └──(a part fails: what started is closed)──▶ FAILED
 * </pre>
 *
 * <p>Thread-safe: {@link #close()} may be called from a shutdown hook while another thread waits.
 */
public final class RippleUp implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RippleUp.class);

    /**
     * @param host address the HTTP server binds to
     * @param port HTTP port; 0 picks a free one
     * @param upFile where the endpoints are recorded while running
     * @param etcd etcd endpoints for the config store, or null for the in-memory store seeded with the demo config
     * @param tuning the settings that trade latency against CPU per event
     */
    public record Options(String host, int port, UpFile upFile, String etcd, UpTuning tuning) {
        public Options {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(upFile, "upFile");
            Objects.requireNonNull(tuning, "tuning");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("Invalid value " + port + " for port: must be 0 to 65535");
            }
        }

        /** Options with the tuning of {@link UpTuning#fromSystemProperties()}. */
        public Options(String host, int port, UpFile upFile, String etcd) {
            this(host, port, upFile, etcd, UpTuning.fromSystemProperties());
        }

        /** Options with the in-memory config store. */
        public Options(String host, int port, UpFile upFile) {
            this(host, port, upFile, null);
        }
    }

    /** What started, and where, in start order. */
    public record Started(String name, String address, String detail) {}

    private final Options options;
    private final Clock clock;
    /** Signs and verifies this run's session tokens: a fresh key each run (the broker's data is fresh too). */
    private final SessionTokenCodec tokens = SessionTokenCodec.of(SessionKeys.random("up"));
    private final Lifecycle lifecycle = Lifecycle.of("ripple up");
    private final Deque<AutoCloseable> running = new ArrayDeque<>();
    private final List<Started> started = new java.util.ArrayList<>();
    private volatile UpEndpoints endpoints;
    private volatile Duration startupTime;
    private volatile List<ReplicaApplier> appliers = List.of();
    private volatile List<CachePurger> purgers = List.of();

    public RippleUp(Options options, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /**
     * Starts every part and records the endpoints in the up file.
     *
     * @throws IllegalStateException if not {@link State#NEW}
     * @throws RuntimeException from the part that failed; the parts already started are closed first
     */
    public synchronized UpEndpoints start() {
        lifecycle.transition(State.NEW, State.STARTING);
        long begin = clock.millis();
        try {
            EmbeddedKafka kafka = track(EmbeddedKafka.start());
            started.add(new Started("kafka", kafka.bootstrapServers(), "in-process KRaft broker, data in "
                    + kafka.dataDir()));
            EmbeddedRedis redis = track(EmbeddedRedis.start());
            started.add(new Started("redis", redis.uri(), "embedded Redis (bundled redis-server)"));

            ConfigStore configStore = track(options.etcd() == null ? ConfigStore.inMemory()
                    : ConfigStore.etcd(EtcdOptions.of(options.etcd())));
            boolean seeded = options.etcd() == null ? DemoConfig.seed(configStore) != null
                    : DemoConfig.seedIfEmpty(configStore);
            ConfigView configView = track(ConfigView.open(configStore, clock));
            started.add(new Started("config", options.etcd() == null ? "in memory" : options.etcd(),
                    configView.snapshot().documents().size() + " documents" + (seeded ? " (demo config)" : "")));

            ConitTracker conits = track(ConitTracker.start(ConitTrackerConfig.defaults(kafka.bootstrapServers()),
                    configView, clock));
            started.add(new Started("conits", "ripple.conit-status", configView.snapshot().conits().size()
                    + " conit(s) tracked"));

            long epoch = configView.snapshot().epoch() == null ? 0 : configView.snapshot().epoch().epoch();
            UpTuning tuning = options.tuning();
            PublisherConfig publisher = PublisherConfig.defaults(kafka.bootstrapServers(), tokens).withEpoch(epoch)
                    .withKafkaOverrides(tuning.intakeOverrides());
            Intake intake = track(Intake.start(IntakeConfig.defaults().withAuthRequired(false), publisher, configView,
                    new ConitThrottle(configView, conits::current), clock));

            Propagator propagator = track(PropagatorPart.start(kafka.bootstrapServers(), tuning.propagatorOverrides(),
                    configView, clock));
            started.add(new Started("propagator", "ripple-propagator", PropagatorPart.describe(propagator)
                    + ", exactly-once transactions every " + tuning.propagatorCommitInterval().toMillis() + " ms"));

            // replicas: every configured region on this Redis (unless its document names one), read API on the server
            List<ReplicaService.Region> regions = configView.snapshot().regions().values().stream()
                    .map(r -> new ReplicaService.Region(r.name(), r.redisUri() != null ? r.redisUri().toString()
                            : redis.uri(), r.httpReplicas() == null ? List.of() : r.httpReplicas())).toList();
            ReplicaService replicas = track(ReplicaService.start(ReplicaService.Options.defaults(regions,
                    kafka.bootstrapServers(), tokens).withEpoch(epoch).withKafkaOverrides(tuning.consumerOverrides()),
                    new ConitGate(configView, conits::current),
                    clock));
            started.add(new Started("replica", regions.stream().map(ReplicaService.Region::name).toList().toString(),
                    "appliers into Redis; GET /v1/regions/{region}/objects/{key}"));

            // ops: the process's one meter registry (bind components' meters here), the lag monitor, /metrics,
            // /api/lag|regions|conits|dlq and the dashboard at /. Config writes and DLQ replays: RIPPLE_ADMIN_TOKEN,
            // else same-origin JSON/YAML from loopback only (AdminToken)
            AdminToken admin = AdminToken.orLoopback(System.getenv(AdminToken.ENV));
            Monitoring monitoring = track(Monitoring.start(new Monitoring.Options(LagMonitorConfig.defaults(
                    kafka.bootstrapServers()).withSampling(Duration.ofSeconds(2), 10), admin), configView, clock));
            monitoring.metrics().bind(intake.metrics(), configView.metrics(), conits.metrics(), replicas.metrics(),
                    propagator.metrics());

            // cache purgers (DESIGN.md 8): one per region, Redis targets without a redis_uri on the embedded Redis
            List<String> purged = List.copyOf(configView.snapshot().regions().keySet());
            List<CachePurger> startedPurgers = new java.util.ArrayList<>();
            for (String region : purged) {
                CachePurger purger = track(CachePurger.create(PurgerConfig.defaults(region,
                        kafka.bootstrapServers()).withDefaultRedisUri(URI.create(redis.uri()))
                        .withKafkaOverrides(Map.<String, Object>copyOf(tuning.consumerOverrides())), configView, clock));
                monitoring.metrics().bind(purger.metrics());
                purger.start();
                startedPurgers.add(purger);
            }
            appliers = replicas.appliers();
            purgers = List.copyOf(startedPurgers);
            started.add(new Started("purgers", String.join(", ", purged), "ripple.purge.<region> -> the purge "
                    + "targets of each region (the demo's <region>/cache: embedded Redis)"));

            // readiness (/readyz and ripple_component_up): every long-running part; one that stops flips both
            List<Readiness.Part> parts = new java.util.ArrayList<>(List.of(Parts.config(configView),
                    Parts.conits(conits), Parts.intake(intake), Parts.propagator(propagator)));
            parts.addAll(Parts.replicas(replicas.appliers()));
            startedPurgers.forEach(p -> parts.add(Parts.purger(p)));
            parts.add(Parts.lag(monitoring.lag()));
            Readiness readiness = Readiness.of(parts);
            monitoring.metrics().bind(readiness);

            long pid = ProcessHandle.current().pid();
            AtomicReference<UpEndpoints> self = new AtomicReference<>();
            List<Consumer<JavalinConfig>> components = List.of(
                    config -> config.routes.get("/api/up", ctx -> ctx.json(self.get())),
                    ConfigRoutes.routes(configStore, configView, clock, admin),
                    intake.routes(),
                    readiness.routes(),
                    replicas.routes(),
                    monitoring.routes());
            RippleHttpServer http = track(RippleHttpServer.start(options.host(), options.port(), components));
            monitoring.metrics().bind(http.metrics());
            started.add(new Started("intake", http.url() + "/v1/events", "POST edit events (no producer token "
                    + "needed here)"));
            started.add(new Started("http", http.url(), "/healthz, /readyz, /v1/streams, /api/up, /api/config/"));
            started.add(new Started("ops", http.url() + "/", "dashboard; /metrics, /api/lag, /api/regions, "
                    + "/api/conits, /api/dlq"));

            PropagatorPart.awaitRunning(propagator, Duration.ofSeconds(60));

            endpoints = new UpEndpoints(http.url(), kafka.bootstrapServers(), redis.uri(), options.etcd(), pid);
            self.set(endpoints);
            options.upFile().write(endpoints);
            startupTime = Duration.ofMillis(clock.millis() - begin);
            lifecycle.transition(State.STARTING, State.RUNNING);
            log.debug("ripple up running: {}", endpoints);
            return endpoints;
        } catch (RuntimeException e) {
            closeAll();
            lifecycle.toIfLegal(State.FAILED);
            throw e;
        }
    }

    /** This run's session-token codec, for tests that decode the tokens they were given. */
    SessionTokenCodec tokens() {
        return tokens;
    }

    /**
     * Every region's replica applier, for in-process observers (benchmarks, tests) that add an
     * {@link dev.ripple.replica.ApplyListener}; empty before {@link #start()} returned.
     */
    public List<ReplicaApplier> appliers() {
        return appliers;
    }

    /**
     * Every region's cache purger, for in-process observers that add a {@link dev.ripple.cachepurger.PurgeListener};
     * empty before {@link #start()} returned.
     */
    public List<CachePurger> purgers() {
        return purgers;
    }

    /** The parts started so far, in start order. */
    public synchronized List<Started> started() {
        return List.copyOf(started);
    }

    /** How long {@link #start()} took; null before it returned. */
    public Duration startupTime() {
        return startupTime;
    }

    /** The lifecycle {@link State} now; see the class diagram. */
    public State state() {
        return lifecycle.state();
    }

    /** Stops every part in reverse order and deletes the up file. Idempotent. */
    @Override
    public synchronized void close() {
        State previous = lifecycle.state();
        if (previous != State.RUNNING && previous != State.STARTING) {
            return;
        }
        lifecycle.to(State.STOPPING);
        closeAll();
        lifecycle.transition(State.STOPPING, State.STOPPED);
        log.debug("ripple up stopped");
    }

    private void closeAll() {
        options.upFile().deleteIfOwnedBy(ProcessHandle.current().pid());
        while (!running.isEmpty()) {
            AutoCloseable part = running.pop();
            try {
                part.close();
            } catch (Exception e) {
                log.warn("Could not stop {} cleanly: {}", part, e.toString());
            }
        }
    }

    private <T extends AutoCloseable> T track(T part) {
        running.push(part);
        return part;
    }

    /** For diagnostics. */
    @Override
    public String toString() {
        return "ripple up (" + lifecycle.state() + ", " + Map.of("endpoints", String.valueOf(endpoints)) + ")";
    }
}
