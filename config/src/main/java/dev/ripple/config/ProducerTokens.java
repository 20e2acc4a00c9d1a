package dev.ripple.config;

import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.Optional;
import java.util.regex.Pattern;
import javax.crypto.SecretKeyFactory;
import javax.crypto.spec.PBEKeySpec;

/**
 * Producer bearer tokens and their salted hashes.
 *
 * <p>A token is {@code <producer-id>.<secret>}: the producer's id, a dot, and a secret of at least
 * {@value #MIN_SECRET_CHARS} characters without a dot ({@link #generate} makes one of 32 random bytes, base64url).
 * The id lets the intake find the one producer a token claims to be in O(1), so that a wrong token costs at most one
 * hash however many producers there are; the whole token is hashed, so the id is covered by the hash too.
 *
 * <p>Hashes are {@code pbkdf2-sha256$<iterations>$<salt>$<hash>} (base64url, no padding), PBKDF2-HMAC-SHA256 from
 * the JDK. Tokens are random and long, so 100,000 iterations are plenty; the count is stored in each hash, so it
 * can be raised later without invalidating old hashes. Thread-safe.
 */
public final class ProducerTokens {
    static final String SCHEME = "pbkdf2-sha256";
    private static final int ITERATIONS = 100_000;
    private static final int SALT_BYTES = 16;
    private static final int HASH_BITS = 256;
    private static final Pattern FORMAT = Pattern.compile(
            Pattern.quote(SCHEME) + "\\$([1-9][0-9]{3,7})\\$([A-Za-z0-9_-]{16,})\\$([A-Za-z0-9_-]{43})");
    private static final SecureRandom RANDOM = new SecureRandom();

    /** The fewest characters of a token's secret part. */
    public static final int MIN_SECRET_CHARS = 16;
    private static final int GENERATED_SECRET_BYTES = 32;

    private ProducerTokens() {}

    /**
     * A new random token for producer {@code producerId}: {@code <producerId>.<43 base64url characters>}.
     *
     * @throws IllegalArgumentException if {@code producerId} is not a valid producer id
     */
    public static String generate(String producerId) {
        if (producerId == null || !Validation.NAME.matcher(producerId).matches()) {
            throw new IllegalArgumentException("'" + producerId + "' is not a valid producer id: "
                    + Validation.NAME_RULE);
        }
        byte[] secret = new byte[GENERATED_SECRET_BYTES];
        RANDOM.nextBytes(secret);
        return producerId + "." + b64(secret);
    }

    /** The producer id a token names (what comes before its last dot), or empty when it has the wrong form. */
    public static Optional<String> producerIdOf(CharSequence token) {
        if (token == null) {
            return Optional.empty();
        }
        String text = token.toString();
        int dot = text.lastIndexOf('.');
        if (dot < 1 || text.length() - dot - 1 < MIN_SECRET_CHARS) {
            return Optional.empty();
        }
        String id = text.substring(0, dot);
        return Validation.NAME.matcher(id).matches() ? Optional.of(id) : Optional.empty();
    }

    /** Why {@code token} cannot be producer {@code producerId}'s token, or empty when it can. */
    public static Optional<String> formProblem(String producerId, CharSequence token) {
        if (token == null || !producerIdOf(token).filter(id -> id.equals(producerId)).isPresent()) {
            return Optional.of("must be '" + producerId + ".<secret>': the producer id, a dot and a secret "
                    + "of at least " + MIN_SECRET_CHARS + " characters without a dot (make one with 'ripple config "
                    + "token " + producerId + "')");
        }
        return Optional.empty();
    }

    /** A new salted hash of {@code token}; takes some tens of milliseconds on purpose. */
    public static String hash(CharSequence token) {
        requireToken(token);
        byte[] salt = new byte[SALT_BYTES];
        RANDOM.nextBytes(salt);
        return SCHEME + "$" + ITERATIONS + "$" + b64(salt) + "$" + b64(derive(token, salt, ITERATIONS));
    }

    /** Whether {@code token} matches {@code hash}, in time independent of where they differ. */
    public static boolean verify(CharSequence token, String hash) {
        if (token == null || hash == null) {
            return false;
        }
        var m = FORMAT.matcher(hash);
        if (!m.matches()) {
            return false;
        }
        byte[] salt = Base64.getUrlDecoder().decode(m.group(2));
        byte[] expected = Base64.getUrlDecoder().decode(m.group(3));
        return MessageDigest.isEqual(expected, derive(token, salt, Integer.parseInt(m.group(1))));
    }

    /** Whether {@code hash} has this class's format (and so is not, say, a plaintext token). */
    public static boolean isWellFormed(String hash) {
        return hash != null && FORMAT.matcher(hash).matches();
    }

    private static byte[] derive(CharSequence token, byte[] salt, int iterations) {
        char[] chars = new char[token.length()];
        for (int i = 0; i < chars.length; i++) {
            chars[i] = token.charAt(i);
        }
        PBEKeySpec spec = new PBEKeySpec(chars, salt, iterations, HASH_BITS);
        try {
            return SecretKeyFactory.getInstance("PBKDF2WithHmacSHA256").generateSecret(spec).getEncoded();
        } catch (GeneralSecurityException e) {
            throw new ConfigException("PBKDF2WithHmacSHA256 is not available in this JVM", e);
        } finally {
            spec.clearPassword();
            Arrays.fill(chars, '\0');
        }
    }

    private static void requireToken(CharSequence token) {
        if (token == null || token.length() < 16) {
            throw new IllegalArgumentException("A producer token must have at least 16 characters");
        }
    }

    private static String b64(byte[] bytes) {
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }
}
