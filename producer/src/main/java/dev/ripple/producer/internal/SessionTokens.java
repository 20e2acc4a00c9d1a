package dev.ripple.producer.internal;

import dev.ripple.consistency.EpochSource;
import dev.ripple.consistency.Position;
import dev.ripple.consistency.SessionTokenCodec;

/** Session tokens at the producer: no token means a new, empty session in the epoch in force now. */
final class SessionTokens {
    private final SessionTokenCodec codec;
    private final EpochSource epoch;

    SessionTokens(SessionTokenCodec codec, EpochSource epoch) {
        this.codec = codec;
        this.epoch = epoch;
    }

    /** The session's vector; throws a {@code SessionTokenException} for a malformed, forged or stale token. */
    Position decode(String token) {
        if (token == null || token.isBlank()) {
            return Position.empty(epoch.current());
        }
        return codec.decode(token.trim(), epoch.current()).position();
    }

    String encode(Position session) {
        return codec.encode(session);
    }
}
