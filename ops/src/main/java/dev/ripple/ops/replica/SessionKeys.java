package dev.ripple.ops.replica;

import dev.ripple.consistency.SessionKeyring;
import dev.ripple.ops.cli.CliException;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;

/** The session-token key of a command: from a file, or from {@code RIPPLE_SESSION_KEY}. Never printed. */
final class SessionKeys {
    static final String ENV = "RIPPLE_SESSION_KEY";

    private SessionKeys() {}

    static SessionKeyring load(String keyId, Path file, Map<String, String> env) {
        byte[] secret;
        if (file != null) {
            try {
                secret = Files.readString(file, StandardCharsets.UTF_8).strip().getBytes(StandardCharsets.UTF_8);
            } catch (IOException e) {
                throw new CliException("Could not read the session key file " + file + ": " + e.getMessage());
            }
        } else if (env.get(ENV) != null && !env.get(ENV).isBlank()) {
            secret = env.get(ENV).strip().getBytes(StandardCharsets.UTF_8);
        } else {
            throw new CliException("No session-token key: set " + ENV + " (at least " + SessionKeyring.MIN_KEY_BYTES
                    + " bytes, the same as the producer's) or pass --session-key-file.");
        }
        try {
            return SessionKeyring.of(keyId, secret);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage() + ". Use the producer's key, at least " + SessionKeyring.MIN_KEY_BYTES
                    + " bytes.");
        }
    }
}
