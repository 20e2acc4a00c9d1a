package dev.ripple.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assumptions.assumeFalse;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A part JVM that {@code ripple up --processes} starts ({@link PartJvm}) maps its classes from the class-data archive
 * this module's build dumps beside {@code ripple.jar}: the jar the ITs' part JVMs run from ({@value
 * PartClasspath#ENV}, set by this module's failsafe configuration), on this JDK. {@code -Xshare:on} makes the JVM
 * fail instead of silently running without an archive it cannot use.
 */
class ClassDataArchiveIT {
    private static final Pattern LOADED = Pattern.compile("\\[class,load] (\\S+) source: (.+)");
    private static final String SHARED = "shared objects file";

    @Test
    void shouldStartAPartThatLoadsItsClassesFromTheArchiveBesideTheJar(@TempDir Path dir) throws Exception {
        assumeFalse(Boolean.getBoolean("ripple.cds.skip"), "the build was told to dump no archive");
        Path jar = Path.of("target", "ripple.jar").toAbsolutePath();
        assertThat(PartClasspath.current().archive()).as("target/ripple.jsa, dumped after the jar by the package phase")
                .contains(jar.resolveSibling("ripple.jsa"));

        // a part whose options are refused before it connects anywhere: the CLI's and the part's classes load
        Path classes = dir.resolve("classes.log");
        Path log = dir.resolve("replica.log");
        PartJvm part = PartJvm.start(new PartLaunch("replica", List.of("replica", "--region", "EQIAD"), 0),
                List.of("-Xshare:on", "-Xlog:class+load=info:file=" + classes), Map.of(), log);
        Process exited = part.onExit().get(60, TimeUnit.SECONDS);

        String output = Files.readString(log);
        assertThat(exited.exitValue()).as(output).isEqualTo(2);
        assertThat(output).contains("EQIAD").doesNotContain("shared archive", "Error occurred during initialization");
        Map<String, String> sources = sources(classes);
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
