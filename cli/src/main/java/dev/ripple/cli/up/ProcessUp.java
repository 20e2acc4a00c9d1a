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
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Objects;

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

    /**
     * @param regions the regions to run a replica and a purger for, and the only demo regions seeded; empty for
     *     every region of the demo config
     * @param instances instances of each part (but ops), 1 to 9
     * @param readyTimeout how long every part may take to become ready
     * @param delivery the propagators' delivery mode, given to them as {@code RIPPLE_DELIVERY}
     */
    public record Options(List<String> regions, int instances, UpFile upFile, Duration readyTimeout,
            Delivery delivery) {
        public Options {
            regions = List.copyOf(regions);
            if (regions.stream().anyMatch(String::isBlank) || regions.stream().distinct().count() < regions.size()) {
                throw new CliException("Invalid value " + String.join(",", regions) + " for --regions: name each "
                        + "region once, e.g. --regions eqiad,codfw.");
            }
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
    private final List<Row> rows = new ArrayList<>();
    private PartFleet parts;
    private KafkaProcess kafka;
    private EtcdProcess etcd;
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
        requireDemoRegions(); // its etcd is a fresh one: the demo config is what it will hold
        Path dir = options.upFile().path().getParent().resolve("processes");
        prepare(dir);
        // the services are stopped by close(), after the parts, not by JVM hooks of their own alongside them
        kafka = service(KafkaProcess.start("512m").leaveStopToOwner());
        rows.add(new Row("kafka", kafka.pid(), kafka.bootstrapServers(), kafka.logFile()));
        etcd = service(EtcdProcess.start().leaveStopToOwner());
        rows.add(new Row("etcd", etcd.pid(), etcd.endpoint(), etcd.dataDir().resolve(".log")));
        RedisProcess redis = service(RedisProcess.startDurable().leaveStopToOwner());
        rows.add(new Row("redis", redis.pid(), redis.uri(), null));
        List<String> regions = seed(etcd.endpoint());
        sessionKeys = sessionKeySpec();
        Map<String, String> env = Map.of("RIPPLE_KAFKA", kafka.bootstrapServers(), "RIPPLE_ETCD", etcd.endpoint(),
                "RIPPLE_REDIS", redis.uri(), SessionKeys.ENV, sessionKeys,
                "RIPPLE_HOME", options.upFile().path().getParent().toString(),
                PropagatorCommand.DELIVERY_ENV, options.delivery().label());
        parts = new PartFleet(dir, env, PartJavaOptions.fromEnvironment(), regions, options.readyTimeout(), clock, out);
        List<PartJvm> started = parts.launch(PartLaunch.stack(regions, options.instances()));
        started.forEach(part -> rows.add(row(part)));
        parts.awaitReady(started);
        UpEndpoints endpoints = new UpEndpoints(parts.url("ops"), kafka.bootstrapServers(),
                redis.uri(), etcd.endpoint(), ProcessHandle.current().pid());
        options.upFile().write(endpoints);
        return endpoints;
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
        PartJvm part = fleet().relaunch(name);
        Row row = row(part);
        rows.replaceAll(r -> r.name().equals(name) ? row : r);
        parts.awaitReady(List.of(part));
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
        PartJvm jvm = fleet().add(part);
        Row row = row(jvm);
        rows.add(row);
        parts.awaitReady(List.of(jvm));
        return row;
    }

    /**
     * Stops the instance {@code name} ({@code replica eqiad #3}) as an operator scaling in would: SIGTERM, then waits
     * for it to close (it commits what it finished and leaves its group), and drops it from the listing.
     *
     * @throws CliException if no running part has that name
     */
    public void removeInstance(String name) {
        fleet().remove(name);
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

    private static Row row(PartJvm part) {
        return new Row(part.launch().name(), part.pid(), part.launch().url(), part.log());
    }

    private PartFleet fleet() {
        if (parts == null) {
            throw new CliException("No parts yet: start the stack first.");
        }
        return parts;
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

    /**
     * Imports the demo config unless etcd has one (with {@code --regions}, only those regions of it, so the
     * propagator routes nothing to a region without a replica), adds a producer, and returns the regions to run.
     */
    private List<String> seed(String etcd) {
        try (ConfigStore store = ConfigStore.etcd(EtcdOptions.of(etcd))) {
            DemoConfig.seedIfEmpty(store, options.regions());
            producerToken = PRODUCER + "." + HexFormat.of().formatHex(random(16));
            store.put(ConfigKeys.producer(PRODUCER), ConfigDocuments.toJson(ProducerDoc.withToken(
                    PRODUCER, producerToken, List.of("*"))));
            return options.regions().isEmpty() ? List.copyOf(ConfigSnapshot.of(0, store.list(ConfigKeys.ROOT)
                    .entries().stream().map(ConfigDocuments::read).toList()).regions().keySet()) : options.regions();
        }
    }

    private void requireDemoRegions() {
        try {
            DemoConfig.requireRegions(options.regions());
        } catch (IllegalArgumentException unknownRegion) {
            throw new CliException(unknownRegion.getMessage() + " Name some of them with --regions.");
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
        if (parts != null) {
            parts.close();
        }
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
