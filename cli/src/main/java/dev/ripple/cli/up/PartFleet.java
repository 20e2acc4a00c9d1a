package dev.ripple.cli.up;

import dev.ripple.cli.CliException;
import java.io.IOException;
import java.io.PrintWriter;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The part JVMs of one {@code ripple up --processes} stack, launched as an operator's service manager would: each on
 * the port its {@link PartLaunch} gives (refused while another process holds it), with the stack's environment, a
 * state directory of its own ({@code RIPPLE_STATE_DIR}) and a log under {@code dir}; restarted in place, scaled out
 * and in. Launching does not wait: {@link #awaitReady} does. Not thread-safe.
 */
final class PartFleet implements AutoCloseable {
    private final Path dir;
    private final Map<String, String> env;
    private final PartJavaOptions jvmOptions;
    private final List<String> regions;
    private final Duration readyTimeout;
    private final Clock clock;
    private final PrintWriter out;
    private final List<PartJvm> parts = new ArrayList<>();

    /**
     * @param dir where the logs ({@code <slug>.log}) and the state directories ({@code state/<slug>}) go
     * @param env the environment every part gets
     * @param regions the stack's regions, which give an added instance its port
     */
    PartFleet(Path dir, Map<String, String> env, PartJavaOptions jvmOptions, List<String> regions,
            Duration readyTimeout, Clock clock, PrintWriter out) {
        this.dir = dir;
        this.env = Map.copyOf(env);
        this.jvmOptions = jvmOptions;
        this.regions = List.copyOf(regions);
        this.readyTimeout = readyTimeout;
        this.clock = clock;
        this.out = out;
    }

    /** Launches every one of {@code launches}, after checking that each one's port is free. */
    List<PartJvm> launch(List<PartLaunch> launches) {
        launches.forEach(PartFleet::requireFreePort);
        List<PartJvm> started = new ArrayList<>();
        for (PartLaunch launch : launches) {
            PartJvm part = start(launch);
            parts.add(part);
            started.add(part);
        }
        return started;
    }

    /**
     * Launches a fresh instance in place of the part {@code name}, which must have exited.
     *
     * @throws CliException if no part has that name, or its instance still runs
     */
    PartJvm relaunch(String name) {
        int at = -1;
        for (int i = 0; i < parts.size(); i++) {
            at = parts.get(i).launch().name().equals(name) ? i : at;
        }
        if (at < 0) {
            throw new CliException("No part '" + name + "' to restart; parts: " + names() + ".");
        }
        PartJvm old = parts.get(at);
        if (old.isAlive()) {
            throw new CliException(name + " (pid " + old.pid() + ") still runs; stop it before restarting it.");
        }
        requireFreePort(old.launch());
        PartJvm part = start(old.launch());
        parts.set(at, part);
        return part;
    }

    /**
     * Launches one more instance of {@code part} ({@code replica eqiad}, without a number) on the port the scheme
     * gives the next instance.
     *
     * @throws CliException if there is no such part, or it is one of a kind ({@code ops}, {@code probe})
     */
    PartJvm add(String part) {
        int running = (int) parts.stream().filter(p -> p.launch().name().startsWith(part + " #")).count();
        String name = part + " #" + (running + 1);
        PartLaunch launch = PartLaunch.stack(regions, running + 1).stream().filter(l -> l.name().equals(name))
                .findFirst().orElseThrow(() -> new CliException("No part '" + part + "' to add an instance of; "
                        + "parts: " + parts.stream().map(p -> p.launch().name().replaceAll(" #\\d+$", ""))
                        .filter(n -> !n.equals("ops") && !n.equals("probe")).distinct().toList() + "."));
        requireFreePort(launch);
        PartJvm jvm = start(launch);
        parts.add(jvm);
        return jvm;
    }

    /**
     * Stops the instance {@code name} (SIGTERM, then waits for it to close) and forgets it.
     *
     * @throws CliException if no running part has that name
     */
    void remove(String name) {
        PartJvm part = parts.stream().filter(p -> p.launch().name().equals(name)).findFirst().orElseThrow(() ->
                new CliException("No part '" + name + "' to remove; parts: " + names() + "."));
        part.close();
        parts.remove(part);
    }

    /** The base URL of the part {@code name}. */
    String url(String name) {
        return parts.stream().map(PartJvm::launch).filter(l -> l.name().equals(name)).findFirst().orElseThrow()
                .url();
    }

    /** Waits until every one of {@code starting} is ready, printing progress every 10 s. */
    void awaitReady(List<PartJvm> starting) {
        PartJvm.awaitReady(starting, readyTimeout, clock, line -> {
            out.println("ripple up: " + line);
            out.flush();
        });
    }

    /** Stops every part: SIGTERM to all at once, then waits for each. Idempotent. */
    @Override
    public void close() {
        parts.forEach(PartJvm::signalStop);
        parts.forEach(PartJvm::close);
        parts.clear();
    }

    private List<String> names() {
        return parts.stream().map(p -> p.launch().name()).toList();
    }

    private PartJvm start(PartLaunch launch) {
        Map<String, String> own = new HashMap<>(env);
        own.put("RIPPLE_STATE_DIR", dir.resolve("state").resolve(launch.slug()).toString());
        return PartJvm.start(launch, jvmOptions.forPart(launch), own, dir.resolve(launch.slug() + ".log"));
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
}
