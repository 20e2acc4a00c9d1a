package dev.ripple.cli.up;

import dev.ripple.cli.CliException;
import dev.ripple.cli.SessionKeys;
import dev.ripple.cli.parts.PropagatorCommand;
import dev.ripple.config.ConfigDocuments;
import dev.ripple.config.ConfigKeys;
import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.DemoConfig;
import dev.ripple.config.EtcdOptions;
import dev.ripple.config.ProducerDoc;
import dev.ripple.consistency.SessionKeyring;
import dev.ripple.embedded.EtcdProcess;
import dev.ripple.embedded.KafkaProcess;
import dev.ripple.embedded.RedisProcess;
import dev.ripple.propagator.Delivery;
import java.io.IOException;
import java.io.PrintWriter;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * {@code ripple up --processes}: the production shape on one machine. A broker, etcd and Redis (append-only file
 * on) as processes of their own, the demo config in etcd, then every part as its own JVM with README's command
 * line (and the JVM options of {@link PartJavaOptions#ENV}), {@code instances} of each; ready once every part's
 * {@code /readyz} is. Logs and the propagators' state go under {@code <RIPPLE_HOME>/processes/}. Closing stops
 * the parts (SIGTERM, all at once) and then the services.
 *
 * <p>Not thread-safe: start, restart and close it from one thread. A fault harness ({@code ripple bench faults})
 * kills its processes and brings them back with {@link #restart(String)}, {@link #restartEtcd()} and, for a broker
 * outage, {@link #killKafka()} then {@link #restartKafka()}.
 */
public final class ProcessUp implements AutoCloseable {
    /** The producer the stack seeds, whose token it prints. */
    static final String PRODUCER = "up";
    private static final Duration READY_POLL = Duration.ofMillis(500);

    /**
     * @param regions the regions to run a replica and a purger for; empty for every region of the config
     * @param instances instances of each part (but ops), 1 to 9
     * @param readyTimeout how long every part may take to become ready
     * @param delivery the propagators' delivery mode, given to them as {@code RIPPLE_DELIVERY}
     */
    public record Options(List<String> regions, int instances, UpFile upFile, Duration readyTimeout,
            Delivery delivery) {
        public Options {
            regions = List.copyOf(regions);
            if (instances < 1 || instances > 9) {
                throw new CliException("Invalid value " + instances + " for --instances: use 1 to 9.");
            }
            Objects.requireNonNull(upFile, "upFile");
            Objects.requireNonNull(readyTimeout, "readyTimeout");
            Objects.requireNonNull(delivery, "delivery");
        }

        /** Options with exactly-once propagators. */
        public Options(List<String> regions, int instances, UpFile upFile, Duration readyTimeout) {
            this(regions, instances, upFile, readyTimeout, Delivery.EXACTLY_ONCE);
        }
    }

    /** One line of the listing: a process, its pid, where it serves and where it logs. */
    public record Row(String name, long pid, String address, Path log) {}

    private final Options options;
    private final Clock clock;
    private final PrintWriter out;
    private final List<AutoCloseable> services = new ArrayList<>();
    private final List<PartJvm> parts = new ArrayList<>();
    private final List<Row> rows = new ArrayList<>();
    private final Map<String, String> env = new HashMap<>();
    private final PartJavaOptions jvmOptions = PartJavaOptions.fromEnvironment();
    private Path dir;
    private KafkaProcess kafka;
    private EtcdProcess etcd;
    private List<String> regions = List.of();
    private String sessionKeys;
    private String producerToken;

    public ProcessUp(Options options, Clock clock, PrintWriter out) {
        this.options = options;
        this.clock = clock;
        this.out = out;
    }

    /**
     * Starts everything and waits until every part is ready.
     *
     * @return the endpoints recorded in {@code up.json} (its {@code http} is the ops server)
     * @throws CliException if a part exits or is not ready in time, naming it and its log
     */
    public UpEndpoints start() {
        dir = options.upFile().path().getParent().resolve("processes");
        prepare(dir);
        // the services are stopped by close(), after the parts, not by JVM hooks of their own alongside them
        kafka = service(KafkaProcess.start("512m").leaveStopToOwner());
        rows.add(new Row("kafka", kafka.pid(), kafka.bootstrapServers(), kafka.logFile()));
        etcd = service(EtcdProcess.start().leaveStopToOwner());
        rows.add(new Row("etcd", etcd.pid(), etcd.endpoint(), etcd.dataDir().resolve(".log")));
        RedisProcess redis = service(RedisProcess.startDurable().leaveStopToOwner());
        rows.add(new Row("redis", redis.pid(), redis.uri(), null));
        regions = seed(etcd.endpoint());
        sessionKeys = sessionKeySpec();
        env.putAll(Map.of("RIPPLE_KAFKA", kafka.bootstrapServers(), "RIPPLE_ETCD", etcd.endpoint(),
                "RIPPLE_REDIS", redis.uri(), SessionKeys.ENV, sessionKeys,
                "RIPPLE_HOME", options.upFile().path().getParent().toString(),
                PropagatorCommand.DELIVERY_ENV, options.delivery().label()));
        List<PartLaunch> launches = PartLaunch.stack(regions, options.instances());
        launches.forEach(ProcessUp::requireFreePort);
        for (PartLaunch launch : launches) {
            PartJvm part = launch(launch);
            parts.add(part);
            rows.add(new Row(launch.name(), part.pid(), launch.url(), part.log()));
        }
        awaitReady(parts);
        String ops = parts.stream().map(PartJvm::launch).filter(l -> l.name().equals("ops")).findFirst()
                .orElseThrow().url();
        UpEndpoints endpoints = new UpEndpoints(ops, kafka.bootstrapServers(),
                redis.uri(), etcd.endpoint(), ProcessHandle.current().pid());
        options.upFile().write(endpoints);
        return endpoints;
    }

    /**
     * Refuses a port that another process holds before starting a part on it: that process's {@code /readyz}
     * (another {@code ripple up --processes}, a test) would otherwise pass for the part's, while the part exits.
     */
    private static void requireFreePort(PartLaunch launch) {
        try (ServerSocket socket = new ServerSocket()) {
            socket.bind(new InetSocketAddress("127.0.0.1", launch.port()));
        } catch (IOException e) {
            throw new CliException("Port " + launch.port() + " of " + launch.name() + " is in use (" + e.getMessage()
                    + "): is another 'ripple up --processes' running? Stop what holds it, or run this one elsewhere.");
        }
    }

    private PartJvm launch(PartLaunch launch) {
        Map<String, String> own = new HashMap<>(env);
        own.put("RIPPLE_STATE_DIR", dir.resolve("state").resolve(launch.slug()).toString());
        return PartJvm.start(launch, jvmOptions, own, dir.resolve(launch.slug() + ".log"));
    }

    /**
     * Starts a fresh instance of the part the listing calls {@code name} (e.g. {@code replica eqiad #1}) in place
     * of one that exited (a {@code kill -9}, a crash): the same command line, port, environment, state directory
     * and log (appended to), as a service manager restarts it. Waits until it is ready.
     *
     * @return its new row, with the new pid
     * @throws CliException if no part has that name, if its instance still runs, or if the new one exits or is not
     *     ready within the ready timeout
     */
    public Row restart(String name) {
        int at = -1;
        for (int i = 0; i < parts.size(); i++) {
            at = parts.get(i).launch().name().equals(name) ? i : at;
        }
        if (at < 0) {
            throw new CliException("No part '" + name + "' to restart; parts: " + parts.stream()
                    .map(p -> p.launch().name()).toList() + ".");
        }
        PartJvm old = parts.get(at);
        if (old.isAlive()) {
            throw new CliException(name + " (pid " + old.pid() + ") still runs; stop it before restarting it.");
        }
        requireFreePort(old.launch());
        PartJvm part = launch(old.launch());
        parts.set(at, part);
        Row row = new Row(name, part.pid(), old.launch().url(), part.log());
        rows.replaceAll(r -> r.name().equals(name) ? row : r);
        awaitReady(List.of(part));
        return row;
    }

    /**
     * Starts one more instance of {@code part}, as the listing names it without its number ({@code replica eqiad},
     * {@code propagator}), on the port the scheme gives the next instance, as an operator scaling out would: it joins
     * the part's consumer group and takes a share of the partitions. Waits until it is ready.
     *
     * @return its row
     * @throws CliException if the stack has no such part (or it is {@code ops} or {@code probe}: one of each), or the new instance
     *     exits or is not ready within the ready timeout
     */
    public Row addInstance(String part) {
        int running = (int) parts.stream().filter(p -> p.launch().name().startsWith(part + " #")).count();
        String name = part + " #" + (running + 1);
        PartLaunch launch = PartLaunch.stack(regions, running + 1).stream().filter(l -> l.name().equals(name))
                .findFirst().orElseThrow(() -> new CliException("No part '" + part + "' to add an instance of; "
                        + "parts: " + parts.stream().map(p -> p.launch().name().replaceAll(" #\\d+$", ""))
                        .filter(n -> !n.equals("ops") && !n.equals("probe")).distinct().toList() + "."));
        requireFreePort(launch);
        PartJvm jvm = launch(launch);
        parts.add(jvm);
        Row row = new Row(name, jvm.pid(), launch.url(), jvm.log());
        rows.add(row);
        awaitReady(List.of(jvm));
        return row;
    }

    /**
     * Stops the instance {@code name} ({@code replica eqiad #3}) as an operator scaling in would: SIGTERM, then waits
     * for it to close (it commits what it finished and leaves its group), and drops it from the listing.
     *
     * @throws CliException if no running part has that name
     */
    public void removeInstance(String name) {
        PartJvm part = parts.stream().filter(p -> p.launch().name().equals(name)).findFirst().orElseThrow(() ->
                new CliException("No part '" + name + "' to remove; parts: " + parts.stream()
                        .map(p -> p.launch().name()).toList() + "."));
        part.signalStop();
        part.close();
        parts.remove(part);
        rows.removeIf(r -> r.name().equals(name));
    }

    /**
     * Stops etcd (keeping its data) and starts it again on the same port, as a crash and a service manager's
     * restart would; the parts reconnect by themselves. Waits until etcd is healthy.
     *
     * @return etcd's new row, with the new pid
     * @throws dev.ripple.embedded.EmbeddedException if it is not healthy again within 20 s
     */
    public Row restartEtcd() {
        etcd.restart();
        Row row = new Row("etcd", etcd.pid(), etcd.endpoint(), etcd.dataDir().resolve(".log"));
        rows.replaceAll(r -> r.name().equals("etcd") ? row : r);
        return row;
    }

    /**
     * Kills the broker with SIGKILL, as a crash would, keeping its port and data: the parts see no broker (intakes
     * answer 503 with {@code Retry-After}) until {@link #restartKafka()}. Returns once the process is gone.
     *
     * @return the broker's row, with the pid that was killed
     */
    public Row killKafka() {
        Row row = row("kafka");
        kafka.kill();
        return row;
    }

    /**
     * Starts the broker again on the same port and data (killing it first if it runs), as a service manager would
     * after a crash, and waits until it answers an admin request; the parts reconnect by themselves. Its partitions
     * may still be without a leader for a few seconds after it answers (a single broker restarted after a kill
     * waits for its old registration to expire).
     *
     * @return the broker's new row, with the new pid
     * @throws dev.ripple.embedded.EmbeddedException if it does not answer again within 90 s
     */
    public Row restartKafka() {
        kafka.restart();
        Row row = new Row("kafka", kafka.pid(), kafka.bootstrapServers(), kafka.logFile());
        rows.replaceAll(r -> r.name().equals("kafka") ? row : r);
        return row;
    }

    private Row row(String name) {
        return rows.stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow(() -> new CliException(
                "No process '" + name + "': start the stack first."));
    }

    /**
     * The keys the producers and read APIs sign and verify session tokens with ({@value SessionKeys#ENV} if set,
     * else fresh ones), for a client in this JVM that checks the tokens it gets (a load generator). Secret: never
     * print or log it. Null before {@link #start()}.
     */
    public SessionKeyring sessionKeys() {
        return sessionKeys == null ? null : SessionKeys.parse(sessionKeys);
    }

    /** Every process started, in start order. */
    public List<Row> rows() {
        return List.copyOf(rows);
    }

    /** The bearer token of the seeded producer {@value #PRODUCER}. */
    public String producerToken() {
        return producerToken;
    }

    private void prepare(Path dir) {
        try {
            Files.createDirectories(dir.resolve("state"));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + dir, e);
        }
    }

    private <T extends AutoCloseable> T service(T service) {
        services.add(service);
        return service;
    }

    /** Imports the demo config unless etcd has one, adds a producer, and returns the regions to run. */
    private List<String> seed(String etcd) {
        try (ConfigStore store = ConfigStore.etcd(EtcdOptions.of(etcd))) {
            DemoConfig.seedIfEmpty(store);
            producerToken = PRODUCER + "." + HexFormat.of().formatHex(random(16));
            store.put(ConfigKeys.producer(PRODUCER), ConfigDocuments.toJson(ProducerDoc.withToken(
                    PRODUCER, producerToken, List.of("*"))));
            List<String> configured = List.copyOf(ConfigSnapshot.of(0, store.list(ConfigKeys.ROOT).entries()
                    .stream().map(ConfigDocuments::read).toList()).regions().keySet());
            for (String region : options.regions()) {
                if (!configured.contains(region)) {
                    throw new CliException("No region '" + region + "' in the config; regions: " + configured + ".");
                }
            }
            return options.regions().isEmpty() ? configured : options.regions();
        }
    }

    private void awaitReady(List<PartJvm> starting) {
        long deadline = clock.millis() + options.readyTimeout().toMillis();
        List<PartJvm> waiting = new ArrayList<>(starting);
        long reportAt = 0;
        while (!waiting.isEmpty()) {
            for (PartJvm part : waiting) {
                if (!part.isAlive()) {
                    throw new CliException(part.launch().name() + " exited while starting; see " + part.log() + ".");
                }
            }
            waiting.removeIf(PartJvm::ready);
            if (waiting.isEmpty()) {
                return;
            }
            if (clock.millis() > deadline) {
                throw new CliException(waiting.size() + " part(s) not ready after " + options.readyTimeout()
                        .toSeconds() + " s: " + waiting.stream().map(p -> p.launch().name() + " (" + p.log() + ")")
                        .toList() + ".");
            }
            if (clock.millis() >= reportAt) {
                out.printf("ripple up: %d of %d parts ready; waiting for %s%n", starting.size() - waiting.size(),
                        starting.size(), waiting.stream().map(p -> p.launch().name()).toList());
                out.flush();
                reportAt = clock.millis() + 10_000;
            }
            awaitExit(waiting);
        }
    }

    /** Waits until one of {@code parts} exits, or the readiness poll interval passes. */
    private static void awaitExit(List<PartJvm> parts) {
        try {
            CompletableFuture.anyOf(parts.stream().map(PartJvm::onExit).toArray(CompletableFuture[]::new))
                    .get(READY_POLL.toMillis(), TimeUnit.MILLISECONDS);
        } catch (TimeoutException stillRunning) {
            // poll /readyz again
        } catch (ExecutionException e) {
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new CliException("Interrupted while waiting for the parts to become ready.");
        }
    }

    /** {@value SessionKeys#ENV} if set (so tokens outlive a restart), else a fresh key. */
    private static String sessionKeySpec() {
        String given = System.getenv(SessionKeys.ENV);
        if (given != null && !given.isBlank()) {
            SessionKeys.parse(given);
            return given;
        }
        return "up:" + Base64.getEncoder().encodeToString(random(32));
    }

    private static byte[] random(int bytes) {
        byte[] value = new byte[bytes];
        new SecureRandom().nextBytes(value);
        return value;
    }

    /** Stops every part (SIGTERM to all, then waits for each), then Redis, etcd and the broker. Idempotent. */
    @Override
    public void close() {
        parts.forEach(PartJvm::signalStop);
        parts.forEach(PartJvm::close);
        parts.clear();
        for (int i = services.size() - 1; i >= 0; i--) {
            try {
                services.get(i).close();
            } catch (Exception e) {
                out.println("ripple up: could not stop " + services.get(i) + ": " + e.getMessage());
            }
        }
        services.clear();
        options.upFile().deleteIfOwnedBy(ProcessHandle.current().pid());
    }
}
