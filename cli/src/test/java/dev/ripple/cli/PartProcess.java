package dev.ripple.cli;

import dev.ripple.cli.up.PartClasspath;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.awaitility.Awaitility;
import org.awaitility.core.ConditionTimeoutException;

/**
 * A {@code ripple} command run as its own OS process, as an operator runs it ({@code java -cp … Main <args>} with
 * the class path and class-data archive {@link PartClasspath#current()} gives: the shaded jar's), stopped with
 * SIGTERM.
 */
public final class PartProcess implements AutoCloseable {
    private final Process process;
    private final StringBuffer output = new StringBuffer();
    private final Thread reader;

    private PartProcess(Process process) {
        this.process = process;
        this.reader = new Thread(() -> {
            try (BufferedReader lines = new BufferedReader(new InputStreamReader(process.getInputStream(),
                    StandardCharsets.UTF_8))) {
                String line;
                while ((line = lines.readLine()) != null) {
                    output.append(line).append('\n');
                }
            } catch (IOException e) {
                // the process ended
            }
        }, "part-process-output");
        reader.setDaemon(true);
        reader.start();
    }

    /** Starts {@code ripple <args>}; its standard error is merged into its output. */
    public static PartProcess start(String... args) throws IOException {
        return start(Map.of(), args);
    }

    /** Starts {@code ripple <args>} with {@code env} added to this JVM's environment. */
    public static PartProcess start(Map<String, String> env, String... args) throws IOException {
        List<String> command = ripple("256m");
        command.addAll(List.of(args));
        return exec(command, env);
    }

    /**
     * The command line of {@code ripple} with a heap of {@code maxHeap}, arguments to be added: this JDK's {@code java}
     * with the class path and class-data archive {@link PartClasspath#current()} gives.
     */
    public static List<String> ripple(String maxHeap) {
        PartClasspath classpath = PartClasspath.current();
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString()));
        command.addAll(classpath.archiveOptions());
        command.addAll(List.of("-Xmx" + maxHeap, "-cp", classpath.classpath(), Main.class.getName()));
        return command;
    }

    /**
     * Starts {@code command} as it is (e.g. a {@code ripple} executable and README's arguments) with {@code env}
     * added to this JVM's environment (and a temporary {@code RIPPLE_STATE_DIR} unless {@code env} names one).
     */
    public static PartProcess exec(List<String> command, Map<String, String> env) throws IOException {
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        // a propagator keeps task state in RIPPLE_STATE_DIR: a fresh one per process, never the module's directory
        builder.environment().put("RIPPLE_STATE_DIR", Files.createTempDirectory("ripple-state").toString());
        builder.environment().putAll(env);
        return new PartProcess(builder.start());
    }

    /** Whether the process still runs. */
    public boolean isAlive() {
        return process.isAlive();
    }

    /**
     * Waits until the output matches {@code pattern} and returns its first group.
     *
     * @throws IllegalStateException if the process exits or {@code timeout} passes first, with its output
     */
    public String await(Pattern pattern, Duration timeout) {
        try {
            Awaitility.await().atMost(timeout).pollInterval(Duration.ofMillis(100))
                    .until(() -> pattern.matcher(output).find() || !process.isAlive());
        } catch (ConditionTimeoutException e) {
            // reported below with the output
        }
        Matcher matcher = pattern.matcher(output);
        if (!matcher.find()) {
            throw new IllegalStateException("No match for " + pattern + " (alive: " + process.isAlive()
                    + "); output:\n" + output);
        }
        return matcher.groupCount() > 0 ? matcher.group(1) : matcher.group();
    }

    public String output() {
        return output.toString();
    }

    /**
     * Waits up to {@code timeout} for the process to end by itself and returns its exit code, once {@link #output()}
     * holds everything it wrote.
     *
     * @throws IllegalStateException if it still runs then, with its output
     */
    public int awaitExit(Duration timeout) throws InterruptedException {
        if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
            throw new IllegalStateException("Still running after " + timeout + "; output:\n" + output);
        }
        reader.join(5_000);
        return process.exitValue();
    }

    /** Sends SIGTERM and waits up to 30 s for the process to end (then kills it). */
    @Override
    public void close() throws InterruptedException {
        stop(Duration.ofSeconds(30));
    }

    /**
     * Sends SIGTERM and waits up to {@code grace} for the process to end, then kills it; {@link #output()} then
     * holds everything it wrote. Idempotent.
     */
    public void stop(Duration grace) throws InterruptedException {
        // SIGTERM through the handle: Process.destroy() would also close the pipe its last words come through
        process.toHandle().destroy();
        if (!process.waitFor(grace.toMillis(), TimeUnit.MILLISECONDS)) {
            process.destroyForcibly().waitFor();
        }
        reader.join(5_000);
    }
}
