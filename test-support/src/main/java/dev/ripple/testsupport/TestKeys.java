package dev.ripple.testsupport;

import dev.ripple.consistency.SessionKeyring;
import dev.ripple.consistency.SessionTokenCodec;
import java.nio.charset.StandardCharsets;
import java.util.Base64;

/**
 * The session-token signing key of tests: one 32-byte secret, under whatever key id a test names. Never a
 * deployment's key.
 */
public final class TestKeys {
    /** The secret's bytes are this text in UTF-8 (32 bytes, the least a keyring takes). */
    public static final String SECRET = "0123456789abcdef0123456789abcdef";
    /** A codec signing with {@link #SECRET} under the key id {@code test-key}. */
    public static final SessionTokenCodec CODEC = codec("test-key");

    private TestKeys() {}

    /** A keyring holding {@link #SECRET} alone, under {@code id}. */
    public static SessionKeyring keyring(String id) {
        return SessionKeyring.of(id, SECRET.getBytes(StandardCharsets.UTF_8));
    }

    /** A codec signing and verifying with {@link #keyring(String) keyring(id)}. */
    public static SessionTokenCodec codec(String id) {
        return SessionTokenCodec.of(keyring(id));
    }

    /** The key as {@code RIPPLE_SESSION_KEYS} and {@code --session-keys} files write it: {@code id:<base64>}. */
    public static String spec(String id) {
        return id + ":" + Base64.getEncoder().encodeToString(SECRET.getBytes(StandardCharsets.UTF_8));
    }
}
