package dev.ripple.cli.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The class-data archive this module's build dumps beside {@code ripple.jar} serves the jar it was dumped from, on
 * this JDK: a part started with the options {@link PartClasspath} gives maps its classes from it. {@code -Xshare:on}
 * makes the JVM fail instead of silently running without an archive it cannot use.
 */
class ClassDataArchiveIT {
    private static final Pattern LOADED = Pattern.compile("\\[class,load] (\\S+) source: (.+)");
    private static final String SHARED = "shared objects file";

    @Test
    void shouldServeTheClassesAPartLoadsFromTheArchiveBesideTheJar(@TempDir Path dir) throws Exception {
        Path jar = Path.of("target", "ripple.jar").toAbsolutePath();
        PartClasspath parts = PartClasspath.of(jar.toString());
        assertThat(parts.archive()).as("target/ripple.jsa, dumped after the jar by the package phase")
                .contains(jar.resolveSibling("ripple.jsa"));

        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-Xshare:on", "-Xlog:class+load=info:file=" + dir.resolve("classes.log")));
        command.addAll(parts.archiveOptions());
        // a part's options parsed and refused before it connects anywhere: the CLI's and the part's classes load
        command.addAll(List.of("-cp", parts.classpath(), "dev.ripple.cli.Main", "replica", "--region", "EQIAD"));
        Process java = new ProcessBuilder(command).redirectErrorStream(true).start();
        String output = new String(java.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertThat(java.waitFor(60, TimeUnit.SECONDS)).isTrue();

        assertThat(output).contains("EQIAD").doesNotContain("shared archive", "Error occurred during initialization");
        Map<String, String> sources = sources(dir.resolve("classes.log"));
        assertThat(sources).containsEntry("dev.ripple.cli.Main", SHARED)
                .containsEntry("dev.ripple.cli.parts.ReplicaCommand", SHARED);
        // all but what the training run never loaded (here the refusal's own classes)
        assertThat(sources.values().stream().filter(SHARED::equals).count()).as("classes from the archive")
                .isGreaterThan(sources.size() * 9L / 10);
    }

    private static Map<String, String> sources(Path log) throws IOException {
        Map<String, String> sources = new HashMap<>();
        for (String line : Files.readAllLines(log)) {
            Matcher loaded = LOADED.matcher(line);
            if (loaded.find()) {
                sources.put(loaded.group(1), loaded.group(2));
            }
        }
        return sources;
    }
}
