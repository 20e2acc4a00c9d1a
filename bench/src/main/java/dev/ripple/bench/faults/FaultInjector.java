package dev.ripple.bench.faults;

import dev.ripple.cli.CliException;
import dev.ripple.cli.up.ProcessUp;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;
import org.apache.kafka.clients.admin.Admin;

/**
 * Injects one fault into a running {@link ProcessUp}, waits for the stack to recover ({@link Recovery}) and, after
 * a kill, starts a replacement instance. Not thread-safe: one fault at a time.
 */
final class FaultInjector {
    private static final Set<String> SERVICES = Set.of("kafka", "etcd", "redis");

    private final ProcessUp up;
    private final SessionLoad load;
    private final Admin admin;
    private final FaultsConfig config;
    private final Clock clock;
    private final long loadStartMs;
    private final Consumer<String> status;

    /**
     * @param loadStartMs when the load started, in the clock's milliseconds (faults are timed from it)
     * @param status told what is happening, for the progress line
     */
    FaultInjector(ProcessUp up, SessionLoad load, Admin admin, FaultsConfig config, Clock clock, long loadStartMs,
            Consumer<String> status) {
        this.up = up;
        this.load = load;
        this.admin = admin;
        this.config = config;
        this.clock = clock;
        this.loadStartMs = loadStartMs;
        this.status = status;
    }

    /** Injects a fault of {@code kind}, its target drawn from {@code random}, and returns how it went. */
    Fault inject(FaultKind kind, Random random) throws InterruptedException {
        return switch (kind) {
            case KILL -> kill(random);
            case REDIS_PAUSE -> pauseRedis();
            case ETCD_RESTART -> restartEtcd();
            case BROKER_RESTART -> restartBroker();
            case SCALE -> scale(random);
        };
    }

    private Fault kill(Random random) throws InterruptedException {
        List<ProcessUp.Row> parts = up.rows().stream().filter(r -> !SERVICES.contains(r.name())).toList();
        ProcessUp.Row target = parts.get(random.nextInt(parts.size()));
        String group = Recovery.groupOf(target.name());
        Set<String> topics = group == null ? Set.of() : Recovery.topicsOf(admin, group);
        status.accept("kill -9 " + target.name());
        long at = clock.millis();
        ProcessHandle process = ProcessHandle.of(target.pid()).orElseThrow(() -> new CliException(target.name()
                + " (pid " + target.pid() + ") is not running; see " + target.log() + "."));
        process.destroyForcibly();
        try {
            process.onExit().get(10, TimeUnit.SECONDS);
        } catch (ExecutionException | TimeoutException e) {
            throw new CliException(target.name() + " (pid " + target.pid() + ") did not die within 10 s of kill -9.");
        }
        status.accept("kill -9 " + target.name() + ": waiting for its twin");
        Duration recovery = Recovery.await(load, admin, group, topics, config.instances() - 1, at,
                config.recoveryTimeout(), clock);
        status.accept("kill -9 " + target.name() + ": starting a replacement");
        long restartAt = clock.millis();
        Duration replaced;
        try {
            up.restart(target.name());
            replaced = Duration.ofMillis(clock.millis() - restartAt);
        } catch (CliException e) {
            status.accept(e.getMessage());
            replaced = null;
        }
        return new Fault(FaultKind.KILL, target.name(), target.pid(), at - loadStartMs, Duration.ZERO, recovery,
                replaced);
    }

    private Fault pauseRedis() throws InterruptedException {
        long pid = row("redis").pid();
        return serviceFault(FaultKind.REDIS_PAUSE, "redis", pid, "redis paused (SIGSTOP)", () -> {
            signal("STOP", pid);
            try {
                Waits.hold(config.pause());
            } finally {
                signal("CONT", pid);
            }
        });
    }

    private Fault restartEtcd() throws InterruptedException {
        return serviceFault(FaultKind.ETCD_RESTART, "etcd", row("etcd").pid(), "etcd restarting", up::restartEtcd);
    }

    /** Something done to a service, which clears its fault when it returns. */
    @FunctionalInterface
    private interface ServiceAction {
        void run() throws InterruptedException;
    }

    /**
     * Runs {@code action} on the service {@code target} ({@code pid}), then waits for the load to recover: the fault
     * is held while the action runs and cleared when it returns.
     */
    private Fault serviceFault(FaultKind kind, String target, long pid, String doing, ServiceAction action)
            throws InterruptedException {
        status.accept(doing);
        long at = clock.millis();
        action.run();
        long cleared = clock.millis();
        status.accept(target + " back: waiting for recovery");
        Duration recovery = Recovery.await(load, admin, null, Set.of(), 0, cleared, config.recoveryTimeout(), clock);
        return new Fault(kind, target, pid, at - loadStartMs, Duration.ofMillis(cleared - at), recovery, null);
    }

    /**
     * Adds an instance to a part drawn from {@code random} and waits until its group (if it has one) shares the
     * partitions with it and the load flows, then removes it again: the recovery is the scale-in's.
     */
    private Fault scale(Random random) throws InterruptedException {
        List<String> scalable = up.rows().stream().map(ProcessUp.Row::name).filter(n -> n.matches(".* #\\d+"))
                .map(n -> n.replaceAll(" #\\d+$", "")).distinct().toList();
        String part = scalable.get(random.nextInt(scalable.size()));
        status.accept("adding an instance of " + part);
        long at = clock.millis();
        ProcessUp.Row added = up.addInstance(part);
        String group = Recovery.groupOf(added.name());
        Set<String> topics = group == null ? Set.of() : Recovery.topicsOf(admin, group);
        status.accept(added.name() + " ready: waiting for its group to take it in");
        Recovery.await(load, admin, group, topics, config.instances() + 1, clock.millis(), config.recoveryTimeout(),
                clock);
        status.accept("removing " + added.name() + " (SIGTERM)");
        long removedAt = clock.millis();
        up.removeInstance(added.name());
        long cleared = clock.millis();
        Duration recovery = Recovery.await(load, admin, group, topics, config.instances(), cleared,
                config.recoveryTimeout(), clock);
        return new Fault(FaultKind.SCALE, added.name(), added.pid(), at - loadStartMs, Duration.ofMillis(removedAt
                - at), recovery, null);
    }

    /**
     * A broker crash and its return: SIGKILL, {@code --pause-s} without a broker (the intakes answer 503), then the
     * broker started again on its port and data. Cleared once it answers again; its partitions may have no leader
     * for a few seconds more, which the recovery includes.
     */
    private Fault restartBroker() throws InterruptedException {
        return serviceFault(FaultKind.BROKER_RESTART, "kafka", row("kafka").pid(), "broker killed (SIGKILL)", () -> {
            up.killKafka();
            Waits.hold(config.pause());
            status.accept("broker down for " + config.pause().toSeconds() + " s: starting it again");
            up.restartKafka();
        });
    }

    private ProcessUp.Row row(String name) {
        return up.rows().stream().filter(r -> r.name().equals(name)).findFirst().orElseThrow();
    }

    /** {@code kill -<signal> <pid>}: Java sends SIGTERM and SIGKILL only. Linux and macOS. */
    private static void signal(String signal, long pid) throws InterruptedException {
        try {
            Process kill = new ProcessBuilder("kill", "-" + signal, Long.toString(pid)).redirectErrorStream(true)
                    .start();
            String output = new String(kill.getInputStream().readAllBytes(), StandardCharsets.UTF_8).strip();
            if (kill.waitFor() != 0) {
                throw new CliException("kill -" + signal + " " + pid + " failed: " + output);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not run kill -" + signal + " " + pid, e);
        }
    }
}
