package dev.ripple.bench.idle;

import dev.ripple.cli.CliException;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * A JVM the bench starts on its own class path, its output in a log file, stopped with SIGTERM as an operator
 * stops it. Its CPU is the kernel's account of it, apart from the bench's own.
 */
final class ChildJvm implements AutoCloseable {
    private final String name;
    private final Process process;
    private final Path log;

    private ChildJvm(String name, Process process, Path log) {
        this.name = name;
        this.process = process;
        this.log = log;
    }

    /**
     * Starts {@code java [javaOptions] -cp <this class path> mainClass args…} with {@code env} added.
     *
     * @param name what the reports call it
     */
    static ChildJvm start(String name, List<String> javaOptions, String mainClass, List<String> args,
            Map<String, String> env, Path log) {
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(javaOptions);
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), mainClass));
        command.addAll(args);
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.to(log.toFile()));
        builder.environment().putAll(env);
        try {
            return new ChildJvm(name, builder.start(), log);
        } catch (IOException e) {
            throw new CliException("Could not start " + name + ": " + e.getMessage());
        }
    }

    String name() {
        return name;
    }

    long pid() {
        return process.pid();
    }

    Path log() {
        return log;
    }

    /** Throws unless the process still runs. */
    void requireAlive() {
        if (!process.isAlive()) {
            throw new CliException(name + " exited with code " + process.exitValue() + "; see " + log);
        }
    }

    /** Waits {@code seconds}, or less if the process exits first (then throws). */
    void idleFor(long seconds) throws InterruptedException {
        if (process.waitFor(seconds, TimeUnit.SECONDS)) {
            requireAlive();
        }
    }

    /** Sends SIGTERM and waits up to 60 s for it (and what it started) to stop, then kills it. Idempotent. */
    @Override
    public void close() {
        List<ProcessHandle> children = process.descendants().toList();
        process.destroy();
        try {
            if (!process.waitFor(60, TimeUnit.SECONDS)) {
                process.destroyForcibly().waitFor(5, TimeUnit.SECONDS);
            }
        } catch (InterruptedException e) {
            process.destroyForcibly();
            Thread.currentThread().interrupt();
        }
        children.stream().filter(ProcessHandle::isAlive).forEach(ProcessHandle::destroy);
    }
}
