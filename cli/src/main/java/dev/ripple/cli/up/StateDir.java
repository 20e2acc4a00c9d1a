package dev.ripple.cli.up;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.stream.Stream;

/**
 * A directory of {@code ripple up}'s own, emptied when it starts and deleted when it is closed: the propagator's
 * state, beside {@code up.json} rather than in the OS's temporary directory (which Kafka Streams warns of, as a
 * cleaner may delete its checkpoints). Its broker is new each run, so no earlier state may be kept.
 */
record StateDir(Path path) implements AutoCloseable {

    /**
     * Deletes whatever an earlier run left at {@code path} (one killed with SIGKILL) and creates it empty.
     *
     * @throws UncheckedIOException if it cannot
     */
    static StateDir fresh(Path path) {
        delete(path);
        try {
            Files.createDirectories(path);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not create " + path, e);
        }
        return new StateDir(path);
    }

    /** Deletes the directory and everything in it. Idempotent. */
    @Override
    public void close() {
        delete(path);
    }

    private static void delete(Path dir) {
        if (!Files.exists(dir)) {
            return;
        }
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not delete " + dir, e);
        }
    }

    @Override
    public String toString() {
        return "state directory " + path;
    }
}
