package dev.ripple.cli.wiring;

import dev.ripple.cli.CliException;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.EtcdOptions;
import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.common.KafkaException;

/**
 * Waits, before a part starts, until what it depends on answers: Kafka (the cluster's nodes) and etcd (a read), with
 * a bounded exponential backoff, saying on each retry what it waits for and why. Parts of one deployment often
 * start together, and a busy etcd or a broker still starting is no reason to exit with a stack trace.
 */
public final class StartupWait {
    /** One thing to wait for: its description and a probe that throws while it does not answer. */
    public record Dependency(String what, Probe probe) {
        public Dependency {
            Objects.requireNonNull(what, "what");
            Objects.requireNonNull(probe, "probe");
        }
    }

    /**
     * Answers, or throws why not: {@link Misconfigured} when waiting cannot help (the client could not even be
     * built from the settings), anything else while the dependency does not answer yet.
     */
    @FunctionalInterface
    public interface Probe {
        void check() throws Exception;
    }

    /** The settings are wrong (a missing SASL login, a bad TLS file): the part does not start, and nobody waits. */
    public static final class Misconfigured extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public Misconfigured(RuntimeException cause) {
            super(cause.getMessage(), cause);
        }
    }

    /** How the wait passes time (a test passes its manual clock's). */
    @FunctionalInterface
    public interface Sleeper {
        void sleep(Duration duration) throws InterruptedException;
    }

    private static final Duration FIRST_BACKOFF = Duration.ofMillis(500);
    private static final Duration MAX_BACKOFF = Duration.ofSeconds(10);
    private static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);

    private final String name;
    private final PrintWriter out;
    private final Duration limit;
    private final Clock clock;
    private final Sleeper sleeper;

    /**
     * @param name the command, as its messages start ({@code ripple purger})
     * @param limit how long to wait for all of them at most
     */
    public StartupWait(String name, PrintWriter out, Duration limit, Clock clock, Sleeper sleeper) {
        this.name = Objects.requireNonNull(name, "name");
        this.out = Objects.requireNonNull(out, "out");
        this.limit = Objects.requireNonNull(limit, "limit");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.sleeper = Objects.requireNonNull(sleeper, "sleeper");
    }

    /** A wait on the system clock. */
    public static StartupWait of(String name, PrintWriter out, Duration limit) {
        return new StartupWait(name, out, limit, Clock.systemUTC(), d -> Thread.sleep(d.toMillis()));
    }

    /** Kafka answers when it lists the cluster's nodes. */
    public static Dependency kafka(KafkaSettings settings) {
        return new Dependency("Kafka at " + settings.bootstrapServers(), () -> {
            Admin admin;
            try {
                admin = KafkaClients.admin(settings.withClientId(settings.baseClientId() + "-startup"));
            } catch (KafkaException | IllegalArgumentException e) {
                throw new Misconfigured(e);
            }
            try (admin) {
                admin.describeCluster().nodes().get(PROBE_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            }
        });
    }

    /** etcd answers when it serves a read of {@code /ripple/epoch}. */
    public static Dependency etcd(EtcdOptions options) {
        return new Dependency("etcd at " + options.endpoints().stream().map(Object::toString)
                .collect(Collectors.joining(",")), () -> {
                    ConfigStore store;
                    try {
                        store = ConfigStore.etcd(options);
                    } catch (IllegalArgumentException e) {
                        throw new Misconfigured(e);
                    }
                    try (store) {
                        store.get("/ripple/epoch");
                    }
                });
    }

    /**
     * Returns once every dependency answered, in order.
     *
     * @throws CliException naming what did not answer within the limit and its last error, with the fix
     * @throws InterruptedException if interrupted while waiting
     */
    public void await(List<Dependency> dependencies) throws InterruptedException {
        long deadline = clock.millis() + limit.toMillis();
        for (Dependency dependency : dependencies) {
            Duration backoff = FIRST_BACKOFF;
            while (true) {
                String why;
                try {
                    dependency.probe().check();
                    break;
                } catch (InterruptedException e) {
                    throw e;
                } catch (Misconfigured e) {
                    throw new CliException(name + " could not start: " + Lifetime.describe(e.getCause()), 1, e);
                } catch (Exception e) {
                    why = Lifetime.describe(e);
                }
                long left = deadline - clock.millis();
                if (left <= 0) {
                    throw new CliException(name + ": " + dependency.what() + " did not answer within "
                            + limit.toSeconds() + " s (" + why + "). Check that it runs and that this host reaches "
                            + "it, or wait longer with --startup-timeout-s.");
                }
                Duration pause = backoff.toMillis() < left ? backoff : Duration.ofMillis(left);
                out.printf("%s: waiting for %s (%s); retrying in %d ms%n", name, dependency.what(), why,
                        pause.toMillis());
                out.flush();
                sleeper.sleep(pause);
                backoff = backoff.multipliedBy(2).compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : backoff.multipliedBy(2);
            }
        }
    }
}
