package dev.ripple.config;

import java.util.List;

/**
 * An upstream producer allowed to publish ({@code /ripple/producers/<id>}, DESIGN.md 13). The bearer token is
 * never stored, only its salted hash ({@link ProducerTokens}). When writing through {@link ConfigDocuments} or
 * an import, a {@code token} field is accepted instead of {@code token_hash} and hashed on the way in.
 *
 * @param id producer id
 * @param tokenHash salted hash of the producer's bearer token
 * @param streams streams it may publish to; {@code ["*"]} for all
 * @param ratePerSecond events per second it may publish on average (fractions allowed) before 429s, or null for
 *     no limit
 * @param disabled whether it is refused for now; default false
 * @param burst most events it may publish at once after being idle (a token bucket's capacity; so also the
 *     largest batch that can ever pass); default one second of its rate, at least 1; only with a rate
 */
public record ProducerDoc(String id, String tokenHash, List<String> streams, Double ratePerSecond, Boolean disabled,
        Integer burst) implements ConfigDocument {
    /** The largest {@code burst}. */
    public static final int MAX_BURST = 10_000_000;

    public ProducerDoc {
        streams = Validation.copy(streams);
        disabled = disabled != null && disabled;
        Validation v = new Validation();
        v.name(id, "id");
        if (v.required(tokenHash, "token_hash") && !ProducerTokens.isWellFormed(tokenHash)) {
            v.add("token_hash", "is not a hash made by ProducerTokens (pbkdf2-sha256$…); store a hash, never a "
                    + "token: write the token in a 'token' field through 'ripple config put' and it is hashed");
        }
        v.names(streams, "streams", true);
        v.range(ratePerSecond, "rate_per_second", Double.MIN_VALUE, 1_000_000);
        v.range(burst, "burst", 1, MAX_BURST);
        if (burst != null && ratePerSecond == null) {
            v.add("burst", "needs rate_per_second: without a rate there is nothing to burst above");
        }
        v.throwIfAny();
    }

    /** A producer with the default burst (one second of its rate). */
    public ProducerDoc(String id, String tokenHash, List<String> streams, Double ratePerSecond, Boolean disabled) {
        this(id, tokenHash, streams, ratePerSecond, disabled, null);
    }

    /** Its {@code burst}, or one second of its rate (at least 1); 0 when it has no rate. */
    public int effectiveBurst() {
        if (ratePerSecond == null) {
            return 0;
        }
        return burst != null ? burst : (int) Math.max(1, Math.min(MAX_BURST, Math.ceil(ratePerSecond)));
    }

    /**
     * A producer for {@code token}, which is hashed here.
     *
     * @throws IllegalArgumentException if the token is not {@code <id>.<secret>} ({@link ProducerTokens})
     */
    public static ProducerDoc withToken(String id, CharSequence token, List<String> streams) {
        ProducerTokens.formProblem(id, token).ifPresent(problem -> {
            throw new IllegalArgumentException("The token of producer '" + id + "' " + problem);
        });
        return new ProducerDoc(id, ProducerTokens.hash(token), streams, null, false);
    }

    /** A copy with a rate and a burst (null for the default burst). */
    public ProducerDoc withRate(Double newRatePerSecond, Integer newBurst) {
        return new ProducerDoc(id, tokenHash, streams, newRatePerSecond, disabled, newBurst);
    }

    /** Whether {@code token} is this producer's. */
    public boolean accepts(CharSequence token) {
        return !disabled && ProducerTokens.verify(token, tokenHash);
    }

    /** Whether it may publish to {@code stream}. */
    public boolean mayPublishTo(String stream) {
        return streams.contains("*") || streams.contains(stream);
    }

    @Override
    public DocumentKind kind() {
        return DocumentKind.PRODUCER;
    }

    @Override
    public String key() {
        return ConfigKeys.producer(id);
    }
}
