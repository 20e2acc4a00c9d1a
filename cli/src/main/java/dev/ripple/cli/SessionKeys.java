package dev.ripple.cli;

import dev.ripple.consistency.SessionKeyring;
import java.security.SecureRandom;
import java.util.Base64;

/**
 * Where a process gets the keys that sign session tokens. Every producer and read API of one deployment must
 * share them: {@code RIPPLE_SESSION_KEYS="k2:<base64 secret>,k1:<base64 secret>"}, the first signing, all
 * verifying (rotate by adding a key, making it first, later removing the old one). Secrets are at least 32 bytes.
 */
public final class SessionKeys {
    /** The environment variable holding the keys. */
    public static final String ENV = "RIPPLE_SESSION_KEYS";

    private SessionKeys() {}

    /**
     * Parses {@code id:base64,id:base64…}; the first key signs.
     *
     * @throws CliException saying what is wrong and how to write it
     */
    public static SessionKeyring parse(String spec) {
        if (spec == null || spec.isBlank()) {
            throw new CliException("No session keys: set " + ENV + "=\"k1:<base64 of 32+ random bytes>\" (the "
                    + "same value for every producer and replica), e.g. k1:$(head -c 32 /dev/urandom | base64).");
        }
        SessionKeyring keyring = null;
        String current = null;
        for (String part : spec.split(",")) {
            int colon = part.indexOf(':');
            if (colon <= 0) {
                throw new CliException("Invalid session key '" + abbreviate(part) + "' in " + ENV
                        + ": expected <id>:<base64 secret>.");
            }
            String id = part.substring(0, colon).trim();
            byte[] secret;
            try {
                secret = Base64.getDecoder().decode(part.substring(colon + 1).trim());
                keyring = keyring == null ? SessionKeyring.of(id, secret) : keyring.withKey(id, secret);
            } catch (IllegalArgumentException e) {
                throw new CliException("Invalid session key '" + id + "' in " + ENV + ": " + e.getMessage() + ".");
            }
            current = current == null ? id : current;
        }
        return keyring.withCurrent(current);
    }

    /**
     * The keys of a command: the file's content when {@code file} is given, else {@value #ENV}; both in the
     * {@link #parse} format.
     *
     * @throws CliException when neither is given, or the file cannot be read
     */
    public static SessionKeyring load(java.nio.file.Path file) {
        if (file == null) {
            return parse(System.getenv(ENV));
        }
        try {
            return parse(java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8).strip());
        } catch (java.io.IOException e) {
            throw new CliException("Could not read the session key file " + file + ": " + e.getMessage() + ".");
        }
    }

    /** A fresh random key, for a process whose tokens need not outlive it ({@code ripple up}). */
    public static SessionKeyring random(String id) {
        byte[] secret = new byte[32];
        new SecureRandom().nextBytes(secret);
        return SessionKeyring.of(id, secret);
    }

    private static String abbreviate(String text) {
        return text.length() <= 8 ? text : text.substring(0, 8) + "…";
    }
}
