package dev.ripple.producer.internal;

import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.ProducerDoc;
import dev.ripple.config.ProducerTokens;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.BiPredicate;

/**
 * Finds the producer a bearer token belongs to. A token is {@code <producer-id>.<secret>} ({@link ProducerTokens}),
 * so the producer is looked up by id and at most one PBKDF2 hash (tens of milliseconds, on purpose) is computed
 * per token, however many producers there are; a token of the wrong form or of an unknown producer costs none.
 * A verified token is remembered by its SHA-256 together with the hash it matched; a hit is re-checked against the
 * producer's current document, so a rotated or disabled token stops working at once. The cache is bounded; past
 * the bound it is cleared. Thread-safe.
 */
final class ProducerAuth {
    private record Verified(String producerId, String tokenHash) {}

    private final int maxCached;
    private final BiPredicate<String, String> verifier;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    /**
     * @param verifier whether a token matches a stored hash ({@link ProducerTokens#verify}, counted); called at most
     *     once per {@link #verify}
     */
    ProducerAuth(int maxCached, BiPredicate<String, String> verifier) {
        this.maxCached = maxCached;
        this.verifier = verifier;
    }

    /** The enabled producer whose token this is, if it was verified before and is still current; never hashes. */
    Optional<ProducerDoc> cached(String token, ConfigSnapshot config) {
        String digest = sha256(token);
        Verified hit = verified.get(digest);
        if (hit == null) {
            return Optional.empty();
        }
        ProducerDoc current = config.producers().get(hit.producerId());
        if (current != null && !current.disabled() && current.tokenHash().equals(hit.tokenHash())) {
            return Optional.of(current);
        }
        verified.remove(digest);
        return Optional.empty();
    }

    /** The enabled producer whose token this is, if any, after at most one hash. */
    Optional<ProducerDoc> verify(String token, ConfigSnapshot config) {
        Optional<ProducerDoc> named = ProducerTokens.producerIdOf(token).map(config.producers()::get)
                .filter(producer -> !producer.disabled());
        if (named.isEmpty() || !verifier.test(token, named.get().tokenHash())) {
            return Optional.empty();
        }
        if (verified.size() >= maxCached) {
            verified.clear();
        }
        verified.put(sha256(token), new Verified(named.get().id(), named.get().tokenHash()));
        return named;
    }

    private static String sha256(String token) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256")
                    .digest(token.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("SHA-256 is not available in this JVM", e);
        }
    }
}
