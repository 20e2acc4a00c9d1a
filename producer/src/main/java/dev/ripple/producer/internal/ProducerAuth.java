package dev.ripple.producer.internal;

import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.ProducerDoc;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Finds the producer a bearer token belongs to. Token hashes are PBKDF2 (tens of milliseconds each, on purpose),
 * so a verified token is remembered by its SHA-256 together with the hash it matched; a hit is re-checked
 * against the producer's current document, so a rotated or disabled token stops working at once. The cache is
 * bounded; past the bound it is cleared. Thread-safe.
 */
final class ProducerAuth {
    private record Verified(String producerId, String tokenHash) {}

    private final int maxCached;
    private final Map<String, Verified> verified = new ConcurrentHashMap<>();

    ProducerAuth(int maxCached) {
        this.maxCached = maxCached;
    }

    /** The enabled producer whose token this is, if any. */
    Optional<ProducerDoc> authenticate(String token, ConfigSnapshot config) {
        String digest = sha256(token);
        Verified hit = verified.get(digest);
        if (hit != null) {
            ProducerDoc current = config.producers().get(hit.producerId());
            if (current != null && !current.disabled() && current.tokenHash().equals(hit.tokenHash())) {
                return Optional.of(current);
            }
            verified.remove(digest);
        }
        for (ProducerDoc producer : config.producers().values()) {
            if (producer.accepts(token)) {
                if (verified.size() >= maxCached) {
                    verified.clear();
                }
                verified.put(digest, new Verified(producer.id(), producer.tokenHash()));
                return Optional.of(producer);
            }
        }
        return Optional.empty();
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
