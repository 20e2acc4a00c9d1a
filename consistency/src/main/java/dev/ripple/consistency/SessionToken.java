package dev.ripple.consistency;

import java.util.Objects;

/**
 * A verified session token: the session vector it carries and the id of the key that signed it.
 * Produced by {@link SessionTokenCodec#decode}; the text form comes from {@link SessionTokenCodec#encode}.
 *
 * @param position the session vector S (DESIGN.md section 5.1); not null
 * @param keyId the id of the signing key; not null. When it is not the keyring's current key, re-issue
 *     the token (encode the merged vector again) so that old keys can be retired.
 */
public record SessionToken(Position position, String keyId) {

    public SessionToken {
        Objects.requireNonNull(position, "position");
        Objects.requireNonNull(keyId, "keyId");
    }
}
