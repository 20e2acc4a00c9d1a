package dev.ripple.embedded.internal;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/** Creates and deletes the data directories the embedded services own. */
public final class TempDirs {
    private TempDirs() {}

    /** Creates a fresh directory under the system temp dir, named {@code ripple-<service>-…}. */
    public static Path create(String service) {
        try {
            return Files.createTempDirectory("ripple-" + service + "-");
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create a temporary data directory for " + service, e);
        }
    }

    /** Deletes {@code dir} and everything below it; a missing directory is not an error. */
    public static void deleteRecursively(Path dir) {
        if (dir == null || !Files.exists(dir)) {
            return;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            walk.sorted(Comparator.reverseOrder()).forEach(TempDirs::deleteQuietly);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + dir, e);
        }
    }

    private static void deleteQuietly(Path path) {
        try {
            Files.deleteIfExists(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + path, e);
        }
    }
}
