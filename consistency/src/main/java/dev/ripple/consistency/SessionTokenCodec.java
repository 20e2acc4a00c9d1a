package dev.ripple.consistency;

import dev.ripple.consistency.internal.ByteReader;
import dev.ripple.consistency.internal.ByteWriter;
import dev.ripple.consistency.internal.VectorCodec;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import java.util.HashMap;
import java.util.Map;
import java.util.Objects;
import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encodes and verifies session tokens (DESIGN.md section 5.1):
 * {@code v1.<epoch>.<base64url vector>.<key id>.<base64url HMAC-SHA256 truncated to 16 bytes>}.
 * The MAC covers everything before the last '.', so a client can neither forge a future position nor
 * change the epoch. A token for 36 partitions of one topic is about 190 characters.
 *
 * <p>Immutable and thread-safe. To rotate keys, build a new codec from a new {@link SessionKeyring}.
 */
public final class SessionTokenCodec {

    /** Longest token accepted, in characters; bounds the work an untrusted header can cause. */
    public static final int MAX_TOKEN_CHARS = 4096;
    private static final int MAC_BYTES = 16;
    private static final String ALGORITHM = "HmacSHA256";
    private static final Base64.Encoder B64 = Base64.getUrlEncoder().withoutPadding();
    private static final Base64.Decoder B64D = Base64.getUrlDecoder();

    private final SessionKeyring keyring;
    /** One MAC per key and thread: a {@link Mac} is not thread-safe, and {@code doFinal} resets it for reuse. */
    private final ThreadLocal<Map<String, Mac>> macs = ThreadLocal.withInitial(HashMap::new);

    private SessionTokenCodec(SessionKeyring keyring) {
        this.keyring = Objects.requireNonNull(keyring, "keyring");
    }

    /** @return a codec signing with the keyring's current key and verifying with any listed key */
    public static SessionTokenCodec of(SessionKeyring keyring) {
        return new SessionTokenCodec(keyring);
    }

    /** @return the keyring in use */
    public SessionKeyring keyring() {
        return keyring;
    }

    /**
     * @param session the session vector to carry; not null
     * @return the token text, signed with the current key; URL- and header-safe ASCII
     */
    public String encode(Position session) {
        Objects.requireNonNull(session, "session");
        ByteWriter vector = new ByteWriter();
        VectorCodec.write(session.offsets(), vector);
        String signed = "v1." + session.epoch() + "." + B64.encodeToString(vector.toByteArray()) + "."
                + keyring.currentKeyId();
        return signed + "." + B64.encodeToString(mac(keyring.currentKeyId(), signed));
    }

    /**
     * Verifies a token and returns its session vector.
     *
     * @param token the token text as the client sent it; not null (no token is the caller's case:
     *     use {@code Position.empty(currentEpoch)})
     * @param currentEpoch the epoch now in force
     * @throws SessionTokenException.Malformed if it is not a v1 token, or its epoch is later than {@code currentEpoch}
     * @throws SessionTokenException.UnknownKey if it names a key that is not listed
     * @throws SessionTokenException.BadSignature if the signature does not verify
     * @throws SessionTokenException.StaleEpoch if its epoch is earlier than {@code currentEpoch}
     */
    public SessionToken decode(String token, long currentEpoch) {
        Objects.requireNonNull(token, "token");
        if (token.length() > MAX_TOKEN_CHARS) {
            throw malformed("it is " + token.length() + " characters long; tokens are at most " + MAX_TOKEN_CHARS);
        }
        String[] parts = token.split("\\.", -1);
        if (parts.length != 5) {
            throw malformed("expected 5 parts separated by '.', found " + parts.length);
        }
        if (!parts[0].equals("v1")) {
            throw malformed("unsupported version '" + printable(parts[0]) + "'; this service reads v1 tokens");
        }
        long epoch = parseEpoch(parts[1]);
        byte[] vector = decodeBase64(parts[2], "vector");
        String keyId = parts[3];
        if (keyring.secret(keyId) == null) {
            throw new SessionTokenException.UnknownKey(printable(keyId), "Session token was signed with key '"
                    + printable(keyId) + "', which this service does not list (retired, or from another deployment)."
                    + " Drop the token and start a new session.");
        }
        byte[] mac = decodeBase64(parts[4], "signature");
        if (mac.length != MAC_BYTES) {
            throw malformed("the signature is " + mac.length + " bytes, expected " + MAC_BYTES);
        }
        String signed = token.substring(0, token.lastIndexOf('.'));
        if (!MessageDigest.isEqual(mac, mac(keyId, signed))) {
            throw new SessionTokenException.BadSignature("Session token signature does not verify: the token was"
                    + " altered or not issued by this Ripple deployment. Send it exactly as received in"
                    + " Ripple-Session-Token.");
        }
        if (epoch < currentEpoch) {
            throw new SessionTokenException.StaleEpoch(epoch, currentEpoch);
        }
        if (epoch > currentEpoch) {
            throw malformed("it claims epoch " + epoch + " but the current epoch is " + currentEpoch
                    + ", so it was issued by another deployment (or the epoch was rolled back). Drop it and start a new session");
        }
        try {
            ByteReader in = new ByteReader(vector);
            Position position = Position.of(epoch, VectorCodec.read(in));
            if (!in.atEnd()) {
                throw new IllegalArgumentException(in.remaining() + " trailing bytes");
            }
            return new SessionToken(position, keyId);
        } catch (IllegalArgumentException e) {
            throw malformed("its vector does not decode (" + e.getMessage() + ")");
        }
    }

    private static long parseEpoch(String text) {
        boolean digits = !text.isEmpty() && text.length() <= 19 && text.chars().allMatch(c -> c >= '0' && c <= '9');
        if (digits && (text.length() == 1 || text.charAt(0) != '0')) {
            try {
                return Long.parseLong(text);
            } catch (NumberFormatException overflow) {
                // falls through to the common message
            }
        }
        throw malformed("the epoch '" + printable(text) + "' is not a non-negative whole number");
    }

    /** Decodes strictly: the text must be exactly the canonical encoding of the bytes. */
    private static byte[] decodeBase64(String text, String what) {
        byte[] bytes;
        try {
            bytes = B64D.decode(text);
        } catch (IllegalArgumentException e) {
            throw malformed("its " + what + " is not unpadded base64url");
        }
        if (!B64.encodeToString(bytes).equals(text)) {
            throw malformed("its " + what + " is not canonical base64url");
        }
        return bytes;
    }

    private byte[] mac(String keyId, String signed) {
        Mac mac = macs.get().computeIfAbsent(keyId, this::newMac);
        return Arrays.copyOf(mac.doFinal(signed.getBytes(StandardCharsets.UTF_8)), MAC_BYTES);
    }

    /** A MAC keyed with {@code keyId}'s secret; {@code Mac.getInstance} and {@code init} cost more than a token. */
    private Mac newMac(String keyId) {
        try {
            Mac mac = Mac.getInstance(ALGORITHM);
            mac.init(new SecretKeySpec(keyring.secret(keyId), ALGORITHM));
            return mac;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("HmacSHA256 is not available in this JVM", e);
        }
    }

    private static SessionTokenException.Malformed malformed(String why) {
        return new SessionTokenException.Malformed("Session token is not a valid Ripple v1 token: " + why
                + ". Send the token exactly as received in Ripple-Session-Token, or omit it to start a new session.");
    }

    /** Echoes client input safely: ASCII printable only, at most 32 characters. */
    private static String printable(String s) {
        String t = s.length() > 32 ? s.substring(0, 32) + "..." : s;
        return t.codePoints().map(c -> c >= 0x20 && c < 0x7f ? c : '?')
                .collect(StringBuilder::new, StringBuilder::appendCodePoint, StringBuilder::append).toString();
    }
}
