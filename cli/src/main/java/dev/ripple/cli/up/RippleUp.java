package dev.ripple.cli.up;

import dev.ripple.cachepurger.CachePurger;
import dev.ripple.cli.SessionKeys;
import dev.ripple.cli.config.ConfigRoutes;
import dev.ripple.cli.wiring.ConfigParts;
import dev.ripple.cli.wiring.ConitTrackerPart;
import dev.ripple.cli.wiring.IntakePart;
import dev.ripple.cli.wiring.MonitorPart;
import dev.ripple.cli.wiring.PartContext;
import dev.ripple.cli.wiring.PartGroup;
import dev.ripple.cli.wiring.ProberPart;
import dev.ripple.cli.wiring.PropagatorPart;
import dev.ripple.propagator.Delivery;
import dev.ripple.cli.wiring.PurgerPart;
import dev.ripple.cli.wiring.ReplicaPart;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.DemoConfig;
import dev.ripple.config.EtcdOptions;
import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.EmbeddedRedis;
import dev.ripple.monitor.dashboard.DashboardConfig;
import dev.ripple.producer.ConitThrottle;
import dev.ripple.producer.IntakeConfig;
import dev.ripple.replica.ConitGate;
import dev.ripple.replica.ReplicaApplier;
import dev.ripple.replica.ReplicaService;
import dev.ripple.runtime.kafka.KafkaSettings;
import dev.ripple.runtime.lifecycle.Lifecycle;
import dev.ripple.runtime.lifecycle.State;
import dev.ripple.runtime.server.AdminToken;
import dev.ripple.runtime.server.HttpServerOptions;
import dev.ripple.runtime.server.RippleHttpServer;
import io.javalin.config.JavalinConfig;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The whole pipeline in one JVM: an in-process Kafka broker, embedded Redis, the config store (in memory with
 * the demo config, or etcd), every {@link dev.ripple.cli.wiring.Part} built as the single-part commands build it,
 * and one HTTP server carrying every part's API. Parts are closed in the reverse order of their start, each even
 * if another fails.
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
     * @param bootstrapServers an existing Kafka cluster to run against, or null for an in-process broker
     * @param redis an existing Redis (a {@code redis://} URI) for the replica stores and caches, or null for an
     *     embedded one
     */
    public record Options(String host, int port, UpFile upFile, String etcd, UpTuning tuning, String bootstrapServers,
            String redis) {
        public Options {
            Objects.requireNonNull(host, "host");
            Objects.requireNonNull(upFile, "upFile");
            Objects.requireNonNull(tuning, "tuning");
            if (port < 0 || port > 65_535) {
                throw new IllegalArgumentException("Invalid value " + port + " for port: must be 0 to 65535");
            }
        }

        /** Options with an in-process broker and an embedded Redis. */
        public Options(String host, int port, UpFile upFile, String etcd, UpTuning tuning) {
            this(host, port, upFile, etcd, tuning, null, null);
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
    private final PartGroup group = new PartGroup();
    private final List<Started> started = new ArrayList<>();
    private volatile UpEndpoints endpoints;
    private volatile Duration startupTime;
    private volatile List<ReplicaApplier> appliers = List.of();
    private volatile List<CachePurger> purgers = List.of();

    public RippleUp(Options options, Clock clock) {
        this.options = Objects.requireNonNull(options, "options");
        this.clock = Objects.requireNonNull(clock, "clock");
    }

    /** The bootstrap servers of the cluster given, or of an in-process broker started now. */
    private String kafka() {
        if (options.bootstrapServers() != null) {
            started.add(new Started("kafka", options.bootstrapServers(), "the cluster given (--bootstrap-servers)"));
            return options.bootstrapServers();
        }
        EmbeddedKafka kafka = group.track(EmbeddedKafka.start());
        started.add(new Started("kafka", kafka.bootstrapServers(), "in-process KRaft broker, data in "
                + kafka.dataDir()));
        return kafka.bootstrapServers();
    }

    /** The URI of the Redis given, or of an embedded one started now. */
    private String redis() {
        if (options.redis() != null) {
            started.add(new Started("redis", options.redis(), "the Redis given (--redis)"));
            return options.redis();
        }
        // stopped by the group after its clients, not by a JVM shutdown hook of its own alongside them
        EmbeddedRedis redis = group.track(EmbeddedRedis.start().leaveStopToOwner());
        started.add(new Started("redis", redis.uri(), "embedded Redis (bundled redis-server)"));
        return redis.uri();
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
            String bootstrapServers = kafka();
            String redisUri = redis();

            // one context for every part, as each single-part command builds its own (DESIGN.md 2)
            ConfigStore configStore = options.etcd() == null ? ConfigStore.inMemory()
                    : ConfigStore.etcd(EtcdOptions.of(options.etcd()));
            boolean seeded = options.etcd() == null ? DemoConfig.seed(configStore) != null
                    : DemoConfig.seedIfEmpty(configStore, List.of());
            PartContext context = ConfigParts.open(group, PartContext.of(KafkaSettings.of(bootstrapServers), clock)
                    .withTokens(tokens).withRedis(redisUri), configStore);
            ConfigView configView = context.config();
            started.add(new Started("config", options.etcd() == null ? "in memory" : options.etcd(),
                    configView.snapshot().documents().size() + " documents" + (seeded ? " (demo config)" : "")));

            ConitTrackerPart conits = group.add(ConitTrackerPart.start(context));
            started.add(new Started("conits", "ripple.conit-status", configView.snapshot().conits().size()
                    + " conit(s) tracked"));
            ConitGate gate = new ConitGate(configView, conits::current, clock);
            conits.onMeasured(gate::statusesChanged);
            context = context.withConits(gate, new ConitThrottle(configView, conits::current));

            UpTuning tuning = options.tuning();
            IntakePart intake = group.add(IntakePart.start(context.withKafka(context.kafka()
                    .withDefaults(tuning.intakeOverrides())), IntakeConfig.defaults().withAuthRequired(false)));

            // the one instance: no other to keep a standby on (Streams would say so at WARN on every rebalance)
            StateDir state = group.track(StateDir.fresh(options.upFile().path().resolveSibling("propagator-state")));
            PropagatorPart propagator = group.add(PropagatorPart.start(context.withKafka(context.kafka()
                    .withDefaults(tuning.propagatorOverrides())), config -> config.withReplication((short) -1, 0)
                    .withStateDir(state.path()).withDelivery(tuning.delivery())));
            started.add(new Started("propagator", "ripple-propagator", propagator.summary() + ", "
                    + (tuning.delivery() == Delivery.EXACTLY_ONCE ? "exactly-once transactions every "
                    : "at-least-once, offsets committed every ") + tuning.propagatorCommitInterval().toMillis()
                    + " ms"));

            // replicas: every configured region on this Redis (unless its document names one), read API on the server
            PartContext consumers = context.withKafka(context.kafka().withDefaults(tuning.consumerOverrides()));
            List<ReplicaService.Region> regions = configView.snapshot().regions().values().stream()
                    .map(r -> new ReplicaService.Region(r.name(), r.redisUri() != null ? r.redisUri().toString()
                            : redisUri, r.httpReplicas() == null ? List.of() : r.httpReplicas())).toList();
            ReplicaPart replicas = group.add(ReplicaPart.start(consumers, regions, o -> o));
            started.add(new Started("replica", regions.stream().map(ReplicaService.Region::name).toList().toString(),
                    "appliers into Redis; GET /v1/regions/{region}/objects/{key}"));

            // ops: the lag monitor, /api/lag|regions|conits|dlq and the dashboard at /. Config writes and DLQ
            // replays: RIPPLE_ADMIN_TOKEN, else same-origin JSON/YAML from loopback only (AdminToken)
            AdminToken admin = AdminToken.orLoopback(System.getenv(AdminToken.ENV));
            group.add(MonitorPart.start(context, lag -> lag.withSampling(Duration.ofSeconds(2), 10),
                    DashboardConfig.defaults(), admin));

            // cache purgers (DESIGN.md 8): one per region, Redis targets without a redis_uri on the embedded Redis
            List<String> purged = List.copyOf(configView.snapshot().regions().keySet());
            List<CachePurger> startedPurgers = new ArrayList<>();
            for (String region : purged) {
                startedPurgers.add(group.add(PurgerPart.start(consumers, region, c -> c)).purger());
            }
            appliers = replicas.appliers();
            purgers = List.copyOf(startedPurgers);
            started.add(new Started("purgers", String.join(", ", purged), "ripple.purge.<region> -> the purge "
                    + "targets of each region (the demo's <region>/cache: embedded Redis)"));

            // the prober (DESIGN.md 15) reads the regions through this process's read API, so it starts once that
            // is served; its route and readiness are there from the start (503 and "starting" until then)
            ProberPart probe = group.add(ProberPart.create());

            // one server: every part's routes, /readyz and ripple_component_up over every part, /metrics
            AtomicReference<UpEndpoints> self = new AtomicReference<>();
            List<Consumer<JavalinConfig>> routes = List.of(
                    config -> config.routes.get("/api/up", ctx -> ctx.json(self.get())),
                    ConfigRoutes.routes(configStore, configView, clock, admin));
            RippleHttpServer http = group.serve(options.host(), options.port(), HttpServerOptions.defaults(),
                    context.metrics(), routes);
            started.add(new Started("intake", http.url() + "/v1/events", "POST edit events (no producer token "
                    + "needed here)"));
            started.add(new Started("http", http.url(), "/healthz, /readyz, /v1/streams, /api/up, /api/config/"));
            started.add(new Started("ops", http.url() + "/", "dashboard; /metrics, /api/lag, /api/regions, "
                    + "/api/conits, /api/dlq"));

            probe.start(context, prober -> prober.withReadApis(Map.of(), URI.create(http.url())));
            started.add(new Started("prober", http.url() + ProberPart.REPORT_PATH, "1% of keys checked in every "
                    + "region and cache at 0.1, 1, 10, 60 s; 'ripple probe report'"));
            propagator.awaitRunning(Duration.ofSeconds(60));
            // the demo conit gates reads and fails closed without a status: up is not up before the first one
            conits.awaitCaughtUp(Duration.ofSeconds(60));

            endpoints = new UpEndpoints(http.url(), bootstrapServers, redisUri, options.etcd(),
                    ProcessHandle.current().pid());
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
        group.close();
    }

    /** For diagnostics. */
    @Override
    public String toString() {
        return "ripple up (" + lifecycle.state() + ", " + Map.of("endpoints", String.valueOf(endpoints)) + ")";
    }
}
