package dev.ripple.cli.up;

import dev.ripple.cli.Main;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * A part running as its own JVM with README's command line ({@code java -cp <this jar> … <part> …}), its output in
 * a log file, stopped with SIGTERM as an operator stops it.
 */
final class PartJvm implements AutoCloseable {
    private static final Duration STOP_GRACE = Duration.ofSeconds(30);
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
     * Starts {@code launch} with {@code jvmOptions} for it and {@code env} added to this JVM's environment, writing
     * its output to {@code log}.
     */
    static PartJvm start(PartLaunch launch, PartJavaOptions jvmOptions, Map<String, String> env, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(jvmOptions.forPart(launch));
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), Main.class.getName()));
        command.addAll(launch.args());
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        builder.environment().putAll(env);
        try {
            return new PartJvm(launch, builder.start(), log);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not start " + launch.name() + ": " + e.getMessage(), e);
        }
    }

    PartLaunch launch() {
        return launch;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** Completes when the process exits. */
    CompletableFuture<Process> onExit() {
        return process.onExit();
    }

    boolean isAlive() {
        return process.isAlive();
    }

    /** Whether its {@code /readyz} answers 200 now. */
    boolean ready() {
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
    void signalStop() {
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
