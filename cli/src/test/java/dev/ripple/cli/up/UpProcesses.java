package dev.ripple.cli.up;

import dev.ripple.cli.PartProcess;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code ripple up --processes} started from the shaded jar as {@code bin/ripple} runs it, once it says every
 * process is ready: its listing (name → pid) and the producer token it printed.
 */
final class UpProcesses implements AutoCloseable {
    private static final Pattern ROW = Pattern.compile("^ {2}(\\S.*?) {2,}(\\d+) +(\\S+) +(\\S+)$",
            Pattern.MULTILINE);

    final PartProcess up;
    /** Every listed process, in listing order: name → pid. */
    final Map<String, Long> pids;
    final String token;

    private UpProcesses(PartProcess up, Map<String, Long> pids, String token) {
        this.up = up;
        this.pids = pids;
        this.token = token;
    }

    /** Starts {@code ripple up --processes <args>} in {@code home} with {@code env}, and waits until it is ready. */
    static UpProcesses start(Path home, Map<String, String> env, String... args) throws IOException {
        PartProcess up = launch(home, env, args);
        try {
            up.await(Pattern.compile("(\\d+) processes ready"), Duration.ofMinutes(5));
            String token = up.await(Pattern.compile("Bearer (\\S+)'"), Duration.ofSeconds(5));
            Map<String, Long> pids = new LinkedHashMap<>();
            Matcher rows = ROW.matcher(up.output());
            while (rows.find()) {
                if (!rows.group(1).equals("PROCESS")) {
                    pids.put(rows.group(1), Long.parseLong(rows.group(2)));
                }
            }
            return new UpProcesses(up, pids, token);
        } catch (RuntimeException e) {
            close(up);
            throw e;
        }
    }

    /** Starts {@code ripple up --processes <args>} in {@code home} with {@code env}, without waiting. */
    static PartProcess launch(Path home, Map<String, String> env, String... args) throws IOException {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xmx256m", "-jar", Path.of("target", "ripple.jar").toAbsolutePath().toString(), "up",
                "--processes"));
        command.addAll(List.of(args));
        Map<String, String> all = new HashMap<>(env);
        all.put("RIPPLE_HOME", home.toString());
        return PartProcess.exec(command, all);
    }

    /** Stops it as Ctrl-C does, waiting up to two minutes. */
    void stop() throws InterruptedException {
        up.stop(Duration.ofMinutes(2));
    }

    @Override
    public void close() throws InterruptedException {
        stop();
    }

    private static void close(PartProcess up) {
        try {
            up.stop(Duration.ofMinutes(2));
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
