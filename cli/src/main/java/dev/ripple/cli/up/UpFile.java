package dev.ripple.cli.up;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.Map;
import java.util.Optional;

/**
 * The {@code up.json} file of a running {@code ripple up}: {@code $RIPPLE_HOME/up.json} when that variable is
 * set, else {@code .ripple/up.json} under the working directory. Other commands read it to find their default
 * target. Written atomically; deleted when {@code up} stops.
 */
public final class UpFile {
    private static final ObjectMapper JSON = new ObjectMapper().enable(SerializationFeature.INDENT_OUTPUT);

    private final Path path;

    public UpFile(Path path) {
        this.path = path;
    }

    /** The file for this process's environment and working directory. */
    public static UpFile locate() {
        return locate(System.getenv(), Path.of("").toAbsolutePath());
    }

    static UpFile locate(Map<String, String> env, Path workingDir) {
        String home = env.get("RIPPLE_HOME");
        Path dir = home != null && !home.isBlank() ? Path.of(home) : workingDir.resolve(".ripple");
        return new UpFile(dir.resolve("up.json"));
    }

    public Path path() {
        return path;
    }

    /** The recorded endpoints if the file exists and its process is still alive; a stale file is ignored. */
    public Optional<UpEndpoints> running() {
        return read().filter(up -> ProcessHandle.of(up.pid()).map(ProcessHandle::isAlive).orElse(false));
    }

    /** The recorded endpoints, whether or not the process still runs. */
    public Optional<UpEndpoints> read() {
        if (!Files.exists(path)) {
            return Optional.empty();
        }
        try {
            return Optional.of(JSON.readValue(path.toFile(), UpEndpoints.class));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + path + "; delete it if no ripple up is running", e);
        }
    }

    /** Writes the file atomically (temp file, then rename), creating its directory. */
    public void write(UpEndpoints endpoints) {
        try {
            Files.createDirectories(path.getParent());
            Path tmp = Files.createTempFile(path.getParent(), "up", ".json.tmp");
            JSON.writeValue(tmp.toFile(), endpoints);
            try {
                Files.move(tmp, path, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
            } catch (AtomicMoveNotSupportedException e) {
                Files.move(tmp, path, StandardCopyOption.REPLACE_EXISTING);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("Could not write " + path, e);
        }
    }

    /** Deletes the file if it names {@code pid}; another process's file is left alone. */
    public void deleteIfOwnedBy(long pid) {
        try {
            if (read().map(up -> up.pid() == pid).orElse(false)) {
                Files.deleteIfExists(path);
            }
        } catch (IOException | UncheckedIOException e) {
            // best effort at shutdown: a stale file is ignored by running()
        }
    }
}
