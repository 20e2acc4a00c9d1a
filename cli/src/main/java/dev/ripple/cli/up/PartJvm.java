package dev.ripple.cli.up;

import dev.ripple.cli.CliException;
import dev.ripple.cli.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * A part running as its own JVM with README's command line ({@code java <options> -cp <classpath> … <part> …}, the
 * class path and its class-data archive as {@link PartClasspath#current()} gives them), its output appended to a log
 * file, ready once its {@code /readyz} answers 200, stopped with SIGTERM as an operator stops it. Used by
 * {@code ripple up --processes} for every part and by the bench for a part of its own.
 *
 * <p>Not thread-safe; {@link #ready()} and {@link #isAlive()} may be called from any thread.
 */
public final class PartJvm implements AutoCloseable {
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
    private static final Duration READY_POLL = Duration.ofMillis(500);
    private static final Duration PROGRESS_EVERY = Duration.ofSeconds(10);
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(1)).build();

    private final PartLaunch launch;
    private final Process process;
    private final Path log;

    private PartJvm(PartLaunch launch, Process process, Path log) {
        this.launch = launch;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code launch} without waiting for it to be ready.
     *
     * @param jvmOptions the JVM's options, e.g. {@code -Xmx256m}
     * @param env added to this JVM's environment
     * @param log where its output is appended (its directory is created)
     * @throws UncheckedIOException if the JVM cannot be started
     */
    public static PartJvm start(PartLaunch launch, List<String> jvmOptions, Map<String, String> env, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        PartClasspath classpath = PartClasspath.current();
        command.addAll(classpath.archiveOptions());
        command.addAll(jvmOptions);
        command.addAll(List.of("-cp", classpath.classpath(), Main.class.getName()));
        command.addAll(launch.args());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            Files.createDirectories(log.toAbsolutePath().getParent());
            return new PartJvm(launch, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + launch.name() + ": " + e.getMessage(), e);
        }
    }

    /**
     * Waits until every one of {@code starting} is ready, polling each {@code /readyz} every half second (sooner
     * when one exits), and calling {@code progress} with a line on the parts still awaited every 10 s.
     *
     * @param timeout how long they may take, on {@code clock}
     * @throws CliException if one exits first or they are not all ready in time, naming each and its log
     */
    public static void awaitReady(List<PartJvm> starting, Duration timeout, Clock clock, Consumer<String> progress) {
        long deadline = clock.millis() + timeout.toMillis();
        List<PartJvm> waiting = new ArrayList<>(starting);
        long reportAt = 0;
        while (!waiting.isEmpty()) {
            for (PartJvm part : waiting) {
                if (!part.isAlive()) {
                    throw new CliException(part.launch.name() + " exited while starting; see " + part.log + ".");
                }
            }
            waiting.removeIf(PartJvm::ready);
            if (waiting.isEmpty()) {
                return;
            }
            if (clock.millis() > deadline) {
                throw new CliException(waiting.size() + " part(s) not ready after " + timeout.toSeconds() + " s: "
                        + waiting.stream().map(p -> p.launch.name() + " (" + p.log + ")").toList() + ".");
            }
            if (clock.millis() >= reportAt) {
                progress.accept(String.format("%d of %d parts ready; waiting for %s", starting.size()
                        - waiting.size(), starting.size(), waiting.stream().map(p -> p.launch.name()).toList()));
                reportAt = clock.millis() + PROGRESS_EVERY.toMillis();
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

    /** What it runs and where it serves. */
    public PartLaunch launch() {
        return launch;
    }

    public long pid() {
        return process.pid();
    }

    /** Where its output goes. */
    public Path log() {
        return log;
    }

    /** Completes when the process exits. */
    public CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    public boolean isAlive() {
        return process.isAlive();
    }

    /** Whether its {@code /readyz} answers 200 now (false if it does not answer within 2 s). */
    public boolean ready() {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(launch.url() + "/readyz")).timeout(Duration.ofSeconds(2))
                    .build(), HttpResponse.BodyHandlers.discarding()).statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }

    /** Sends SIGTERM, without waiting. */
    public void signalStop() {
        process.destroy();
    }

    /** Sends SIGTERM and waits up to 30 s for it to stop, then kills it. Idempotent. */
    @Override
    public void close() {
        signalStop();
        try {
            if (!process.waitFor(STOP_GRACE.toSeconds(), TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }
}
