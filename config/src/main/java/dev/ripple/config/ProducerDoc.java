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
 * @param ratePerSecond most events per second it may publish before 429s, or null for no limit
 * @param disabled whether it is refused for now; default false
 */
public record ProducerDoc(String id, String tokenHash, List<String> streams, Double ratePerSecond, Boolean disabled)
        implements ConfigDocument {

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
        v.throwIfAny();
    }

    /** A producer for {@code token}, which is hashed here. */
    public static ProducerDoc withToken(String id, CharSequence token, List<String> streams) {
        return new ProducerDoc(id, ProducerTokens.hash(token), streams, null, false);
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
