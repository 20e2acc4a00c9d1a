package dev.ripple.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.cli.CliException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Which class path a part JVM gets, and when the class-data archive beside its jar goes with it. */
class PartClasspathTest {
    private static final Instant BUILT = Instant.parse("2026-12-07T10:00:00Z");

    @TempDir
    Path dir;

    @Test
    void shouldMapTheArchiveBesideTheFirstJarWhenItIsNotOlderThanTheJar() throws Exception {
        Path jar = file("ripple.jar", BUILT);
        Path archive = file("ripple.jsa", BUILT.plusSeconds(20));
        String classpath = jar + File.pathSeparator + dir.resolve("ripple-bench.jar");

        PartClasspath parts = PartClasspath.of(classpath);

        assertThat(parts.classpath()).isEqualTo(classpath);
        assertThat(parts.archive()).contains(archive);
        assertThat(parts.archiveOptions()).containsExactly("-XX:SharedArchiveFile=" + archive);
    }

    @Test
    void shouldRunWithoutAnArchiveThatIsOlderThanItsJarMissingOrNotBesideTheFirstEntry() throws Exception {
        Path jar = file("ripple.jar", BUILT);
        Path archive = file("ripple.jsa", BUILT.minusSeconds(1)); // the jar was rebuilt after the dump
        assertThat(PartClasspath.of(jar.toString()).archive()).isEmpty();

        Files.delete(archive);
        assertThat(PartClasspath.of(jar.toString()).archiveOptions()).isEmpty();

        file("ripple.jsa", BUILT.plusSeconds(1));
        Path classes = Files.createDirectories(dir.resolve("test-classes"));
        // the JVM needs the archive's jar first on the class path (a failsafe class path starts with a directory)
        assertThat(PartClasspath.of(classes + File.pathSeparator + jar).archive()).isEmpty();
        assertThat(PartClasspath.of(dir.resolve("absent.jar").toString()).archive()).isEmpty();
    }

    @Test
    void shouldTakeTheClasspathFromTheEnvironmentWhenSetElseThisJvms() throws Exception {
        Path jar = file("ripple.jar", BUILT);
        file("ripple.jsa", BUILT.plusSeconds(1));

        assertThat(PartClasspath.of(Map.of(PartClasspath.ENV, " " + jar + " "), "own").classpath())
                .isEqualTo(jar.toString());
        assertThat(PartClasspath.of(Map.of(PartClasspath.ENV, " "), "own"))
                .isEqualTo(new PartClasspath("own", Optional.empty()));
        assertThat(PartClasspath.of(Map.of(), jar.toString()).archive()).isPresent();
    }

    @Test
    void shouldRefuseAnEnvironmentClasspathNamingAFileThatIsNotThere() {
        String missing = dir.resolve("cli/target/ripple.jar").toString();

        assertThatThrownBy(() -> PartClasspath.of(Map.of(PartClasspath.ENV, missing), "own"))
                .isInstanceOf(CliException.class).hasMessageContaining(PartClasspath.ENV + " names " + missing)
                .hasMessageContaining("package");
    }

    @Test
    void shouldMapAnArchiveWrittenInTheSameInstantAsItsJar() throws Exception {
        Path jar = file("ripple.jar", BUILT);
        file("ripple.jsa", BUILT);

        assertThat(PartClasspath.of(jar.toString()).archive()).isPresent();
    }

    private Path file(String name, Instant modified) throws Exception {
        Path file = Files.writeString(dir.resolve(name), name);
        Files.setLastModifiedTime(file, FileTime.from(modified));
        return file;
    }
}
