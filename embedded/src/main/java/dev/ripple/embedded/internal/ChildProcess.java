package dev.ripple.embedded.internal;

import dev.ripple.embedded.EmbeddedException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A service binary run as a child process with a data directory it owns. Output is appended to
 * {@code <dataDir>/.log} (a restart on the same directory keeps the earlier run's), whose tail is quoted when the
 * process fails to become healthy. A JVM shutdown hook stops the process and
 * deletes the directory should the owner never call {@link #stop()}; an owner that stops it itself on SIGTERM, after
 * the service's clients, removes that hook with {@link #leaveStopToOwner()}.
 *
 * <p>The process runs in a session of its own ({@code setsid}, where installed): a terminal's Ctrl-C signals its
 * whole foreground process group, and would otherwise stop the service at once, under the clients that the JVM is
 * still closing.
 */
public final class ChildProcess {
    private static final Logger log = LoggerFactory.getLogger(ChildProcess.class);
    private static final Duration GRACE = Duration.ofSeconds(5);
    private static final Optional<Path> SETSID = Binaries.find("setsid");

    private final String service;
    private final Process process;
    private final Path dataDir;
    private final Thread shutdownHook;

    private ChildProcess(String service, Process process, Path dataDir) {
        this.service = service;
        this.process = process;
        this.dataDir = dataDir;
        this.shutdownHook = new Thread(this::terminate, "ripple-stop-" + service);
    }

    /**
     * Starts {@code command} in {@code dataDir} and waits until {@code healthy} returns true.
     *
     * @throws EmbeddedException if the process exits or is not healthy within {@code timeout}; the process is
     *     stopped and the directory deleted before it is thrown
     */
    public static ChildProcess start(String service, List<String> command, Path dataDir, Duration timeout,
            Callable<Boolean> healthy) {
        Path logFile = dataDir.resolve(".log");
        Process process;
        try {
            process = new ProcessBuilder(inOwnSession(command))
                    .directory(dataDir.toFile())
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(logFile.toFile()))
                    .start();
        } catch (IOException e) {
            TempDirs.deleteRecursively(dataDir);
            throw new EmbeddedException("Could not run " + command.get(0) + ": " + e.getMessage(), e);
        }
        ChildProcess child = new ChildProcess(service, process, dataDir);
        Runtime.getRuntime().addShutdownHook(child.shutdownHook);
        Throwable failure = Poll.until(timeout, () -> {
            if (!process.isAlive()) {
                throw new IllegalStateException(service + " exited with code " + process.exitValue());
            }
            return healthy.call();
        });
        if (failure != null) {
            String tail = tail(logFile);
            child.stop();
            throw new EmbeddedException(service + " did not become healthy within " + timeout.toMillis()
                    + " ms (" + failure.getMessage() + "). Its last output:\n" + tail, failure);
        }
        log.debug("{} running as pid {} in {}", service, process.pid(), dataDir);
        return child;
    }

    /** {@code command} run by {@code setsid} (which execs it, so the process id stays the service's), if installed. */
    private static List<String> inOwnSession(List<String> command) {
        if (SETSID.isEmpty()) {
            return command;
        }
        List<String> wrapped = new ArrayList<>(command.size() + 1);
        wrapped.add(SETSID.get().toString());
        wrapped.addAll(command);
        return wrapped;
    }

    /**
     * Removes the JVM shutdown hook: only {@link #stop()} (or the other stop methods) stops the process from now on.
     * For an owner that stops it from its own shutdown hook, after the service's clients; the hook would otherwise
     * stop it at once, in parallel with them. Idempotent.
     */
    public void leaveStopToOwner() {
        removeShutdownHook();
    }

    /** The operating-system process id. */
    public long pid() {
        return process.pid();
    }

    /** The directory the process runs in and keeps its data in. */
    public Path dataDir() {
        return dataDir;
    }

    /** Whether the process is still running. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /** Stops the process (SIGTERM, then SIGKILL after a grace period) and deletes its directory. Idempotent. */
    public void stop() {
        removeShutdownHook();
        terminate();
    }

    /**
     * Stops the process like {@link #stop()} but keeps its directory, so that a new process can be started on the
     * same data. The caller then owns the directory. Idempotent.
     */
    public void stopKeepingData() {
        removeShutdownHook();
        halt();
    }

    /**
     * Kills the process with SIGKILL, as a crash or a lost host would (no shutdown, nothing flushed that the
     * process held), waits until it is gone and keeps its directory, like {@link #stopKeepingData()}. Idempotent.
     */
    public void killKeepingData() {
        removeShutdownHook();
        try {
            if (!process.destroyForcibly().waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new EmbeddedException(service + " (pid " + process.pid() + ") still runs " + GRACE.toSeconds()
                        + " s after SIGKILL.");
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private void removeShutdownHook() {
        try {
            Runtime.getRuntime().removeShutdownHook(shutdownHook);
        } catch (IllegalStateException shuttingDown) {
            // the hook is running or about to run; it does the same work
        }
    }

    private void terminate() {
        halt();
        TempDirs.deleteRecursively(dataDir);
    }

    private void halt() {
        process.destroy();
        try {
            if (!process.waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS)) {
                log.warn("{} (pid {}) ignored SIGTERM for {} s; killing it", service, process.pid(),
                        GRACE.toSeconds());
                process.destroyForcibly().waitFor(GRACE.toMillis(), TimeUnit.MILLISECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
    }

    private static String tail(Path logFile) {
        try {
            List<String> lines = Files.readAllLines(logFile, StandardCharsets.UTF_8);
            return String.join("\n", lines.subList(Math.max(0, lines.size() - 20), lines.size()));
        } catch (IOException e) {
            return "(no output: " + e.getMessage() + ")";
        }
    }
}
