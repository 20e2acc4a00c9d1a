package dev.ripple.cli.up;

import dev.ripple.cli.CliException;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * The class path a part JVM runs with, and the class-data archive the build dumped beside its jar
 * ({@code ripple.jsa} beside {@code ripple.jar}, see {@code cli/pom.xml}), from which a part maps the classes it
 * would otherwise load and verify one by one (BENCHMARKS.md, "Part start-up"). The class path is {@value #ENV} if
 * set, else this JVM's own.
 *
 * <p>The archive is used only when the class path starts with its jar (the JVM requires the jar it was dumped from
 * as the class path's first entry) and is not older than the jar. A JVM that cannot use it anyway (another JDK
 * build, a jar rebuilt in place) runs without it.
 *
 * @param classpath what {@code -cp} gets
 * @param archive the archive beside the class path's first jar, if there is a current one
 */
public record PartClasspath(String classpath, Optional<Path> archive) {
    /** The environment variable that overrides this JVM's class path (the ITs name the shaded jar). */
    public static final String ENV = "RIPPLE_PART_CLASSPATH";
    private static final String JAR = ".jar";
    private static final String ARCHIVE = ".jsa";

    /** The class path of {@value #ENV} if set and not blank, else this JVM's. */
    public static PartClasspath current() {
        return of(System.getenv(), System.getProperty("java.class.path"));
    }

    /**
     * The class path of {@value #ENV} in {@code env} if set and not blank, else {@code own}.
     *
     * @throws CliException if an entry {@value #ENV} names does not exist (every part would die loading its main class)
     */
    static PartClasspath of(Map<String, String> env, String own) {
        String given = env.get(ENV);
        if (given == null || given.isBlank()) {
            return of(own);
        }
        for (String entry : given.trim().split(File.pathSeparator)) {
            if (!Files.exists(Path.of(entry))) {
                throw new CliException(ENV + " names " + entry + ", which does not exist: build it (mvn -q "
                        + "-DskipTests package builds cli/target/ripple.jar) or unset " + ENV + ".");
            }
        }
        return of(given.trim());
    }

    /** {@code classpath}, with the current archive beside its first entry if that is a jar. */
    static PartClasspath of(String classpath) {
        String first = classpath.split(File.pathSeparator, 2)[0];
        if (!first.endsWith(JAR)) {
            return new PartClasspath(classpath, Optional.empty());
        }
        Path jar = Path.of(first);
        Path archive = jar.resolveSibling(jar.getFileName().toString().replaceFirst("\\.jar$", ARCHIVE));
        return new PartClasspath(classpath, isCurrent(archive, jar) ? Optional.of(archive) : Optional.empty());
    }

    /** The JVM option that maps the archive, if there is one: before a user's options, so that theirs win. */
    public List<String> archiveOptions() {
        return archive.map(a -> List.of("-XX:SharedArchiveFile=" + a)).orElse(List.of());
    }

    private static boolean isCurrent(Path archive, Path jar) {
        try {
            return Files.isRegularFile(archive)
                    && Files.getLastModifiedTime(archive).compareTo(Files.getLastModifiedTime(jar)) >= 0;
        } catch (IOException e) {
            return false; // the jar or the archive went away meanwhile: start without the archive
        }
    }
}
