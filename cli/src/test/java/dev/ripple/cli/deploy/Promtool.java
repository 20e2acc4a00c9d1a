package dev.ripple.cli.deploy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's {@code promtool} (package {@code prometheus}; {@code bin/ripple test} installs it). */
public final class Promtool {
    private Promtool() {}

    /** What promtool printed and returned. */
    public record Result(int exitCode, String output) {}

    /**
     * @param stdin text for its standard input, or null
     * @throws IllegalStateException if promtool is not installed, saying how to install it
     */
    public static Result run(String stdin, String... args) throws IOException, InterruptedException {
        Path binary = Path.of("/usr/bin/promtool");
        if (!Files.isExecutable(binary)) {
            throw new IllegalStateException("promtool is missing: install Debian's 'prometheus' package "
                    + "(bin/ripple test does it when missing)");
        }
        List<String> command = new ArrayList<>(List.of(binary.toString()));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        if (stdin != null) {
            process.getOutputStream().write(stdin.getBytes(StandardCharsets.UTF_8));
        }
        process.getOutputStream().close();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS)) {
            process.destroyForcibly();
            throw new IllegalStateException("promtool did not finish in 60 s");
        }
        return new Result(process.exitValue(), output);
    }
}
