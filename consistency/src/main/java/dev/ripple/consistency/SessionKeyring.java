package dev.ripple.consistency;

import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Pattern;

/**
 * The HMAC keys for session tokens, by key id, with one current key for signing. Tokens are verified with
 * whichever listed key they name, so keys rotate without logging anyone out: add the new key everywhere,
 * then make it current, then remove the old one after the longest session lifetime.
 *
 * <p>Immutable and thread-safe; secrets are copied in and never exposed or printed.
 */
public final class SessionKeyring {

    /** Key ids appear in the token text: short, and without the '.' separator. */
    private static final Pattern KEY_ID = Pattern.compile("[A-Za-z0-9_-]{1,16}");
    /** HMAC-SHA256 keys shorter than the hash output weaken it (RFC 2104 section 3). */
    public static final int MIN_KEY_BYTES = 32;

    private final String currentKeyId;
    private final Map<String, byte[]> keys;

    private SessionKeyring(String currentKeyId, Map<String, byte[]> keys) {
        this.currentKeyId = currentKeyId;
        this.keys = keys;
    }

    /**
     * @param keyId the id of the only, and current, key: 1–16 of {@code [A-Za-z0-9_-]}
     * @param secret the key, at least {@value #MIN_KEY_BYTES} bytes; copied
     * @throws IllegalArgumentException if the id or key is invalid
     */
    public static SessionKeyring of(String keyId, byte[] secret) {
        return new SessionKeyring(checkId(keyId), Map.of()).withKey(keyId, secret);
    }

    /** @return a copy that also lists {@code keyId} (replacing a key of that id); the current key is unchanged */
    public SessionKeyring withKey(String keyId, byte[] secret) {
        checkId(keyId);
        Objects.requireNonNull(secret, "secret");
        if (secret.length < MIN_KEY_BYTES) {
            throw new IllegalArgumentException("Invalid key " + keyId + ": " + secret.length + " bytes, need at least "
                    + MIN_KEY_BYTES);
        }
        Map<String, byte[]> copy = new LinkedHashMap<>(keys);
        copy.put(keyId, secret.clone());
        return new SessionKeyring(currentKeyId, Collections.unmodifiableMap(copy));
    }

    /** @return a copy that signs with {@code keyId}, which must already be listed */
    public SessionKeyring withCurrent(String keyId) {
        if (!keys.containsKey(keyId)) {
            throw new IllegalArgumentException("Cannot make key " + keyId + " current: it is not listed; add it first");
        }
        return new SessionKeyring(keyId, keys);
    }

    /** @return a copy without {@code keyId}; tokens it signed then fail with {@code UnknownKey} */
    public SessionKeyring withoutKey(String keyId) {
        if (keyId.equals(currentKeyId)) {
            throw new IllegalArgumentException("Cannot remove key " + keyId + ": it is the current signing key; make another current first");
        }
        Map<String, byte[]> copy = new LinkedHashMap<>(keys);
        copy.remove(keyId);
        return new SessionKeyring(currentKeyId, Collections.unmodifiableMap(copy));
    }

    /** @return the id of the key used for signing */
    public String currentKeyId() {
        return currentKeyId;
    }

    /** @return every listed key id, sorted */
    public Set<String> keyIds() {
        return Collections.unmodifiableSet(new TreeSet<>(keys.keySet()));
    }

    /** @return the secret for {@code keyId}, or null; not a copy, for this module's codec only */
    byte[] secret(String keyId) {
        return keys.get(keyId);
    }

    private static String checkId(String keyId) {
        Objects.requireNonNull(keyId, "keyId");
        if (!KEY_ID.matcher(keyId).matches()) {
            throw new IllegalArgumentException("Invalid key id '" + keyId + "': expected 1 to 16 of [A-Za-z0-9_-]");
        }
        return keyId;
    }

    @Override
    public boolean equals(Object o) {
        if (!(o instanceof SessionKeyring other) || !other.currentKeyId.equals(currentKeyId)
                || !other.keys.keySet().equals(keys.keySet())) {
            return false;
        }
        return keys.entrySet().stream().allMatch(e -> Arrays.equals(e.getValue(), other.keys.get(e.getKey())));
    }

    @Override
    public int hashCode() {
        return Objects.hash(currentKeyId, keys.keySet());
    }

    /** @return the key ids and the current one; never the secrets */
    @Override
    public String toString() {
        return "SessionKeyring{current=" + currentKeyId + ", keys=" + keyIds() + "}";
    }
}
