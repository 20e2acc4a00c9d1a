package dev.ripple.embedded.internal;

import dev.ripple.embedded.MissingBinaryException;
import java.io.File;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/** Finds executables on {@code PATH}, with an environment variable that may name one explicitly. */
public final class Binaries {
    private Binaries() {}

    /**
     * Returns the executable named by {@code overrideEnv} if set, else the first {@code name} on PATH.
     *
     * @throws MissingBinaryException if there is none; its message carries {@code installHint}
     */
    public static Path require(String name, String overrideEnv, String installHint) {
        String override = System.getenv(overrideEnv);
        if (override != null && !override.isBlank()) {
            Path path = Path.of(override);
            if (Files.isExecutable(path)) {
                return path;
            }
            throw new MissingBinaryException(name,
                    overrideEnv + "=" + override + " is not an executable file. Fix the variable or unset it.");
        }
        return find(name).orElseThrow(() -> new MissingBinaryException(name, installHint));
    }

    /** The first executable called {@code name} on PATH (and in /usr/sbin and /usr/bin, which PATH may omit). */
    public static Optional<Path> find(String name) {
        String path = System.getenv().getOrDefault("PATH", "") + File.pathSeparator + "/usr/sbin:/usr/bin";
        for (String dir : path.split(File.pathSeparator)) {
            if (dir.isBlank()) {
                continue;
            }
            Path candidate = Path.of(dir, name);
            if (Files.isExecutable(candidate) && !Files.isDirectory(candidate)) {
                return Optional.of(candidate);
            }
        }
        return Optional.empty();
    }
}
