package dev.ripple.consistency;

/**
 * A session token was refused. The subclass says why; {@link #reason()} gives the same as an enum for a
 * {@code switch}. The read API answers {@link StaleEpoch} with 410 Gone and every other reason with 400.
 * Messages are written for the client developer and never contain key material.
 */
public abstract sealed class SessionTokenException extends ConsistencyException
        permits SessionTokenException.Malformed, SessionTokenException.BadSignature,
                SessionTokenException.UnknownKey, SessionTokenException.StaleEpoch {

    /** Why a token was refused. */
    public enum Reason {
        /** Not a Ripple v1 session token, or from a future epoch (another cluster). */
        MALFORMED,
        /** The signature does not match: the token was altered or forged. */
        BAD_SIGNATURE,
        /** Signed with a key this service does not (or no longer) list. */
        UNKNOWN_KEY,
        /** Issued in an older epoch: the source topics have been recreated since. */
        STALE_EPOCH
    }

    private SessionTokenException(String message) {
        super(message);
    }

    /** @return the reason, matching the subclass */
    public abstract Reason reason();

    /** The token is not a well-formed v1 token, or claims an epoch later than the current one. */
    public static final class Malformed extends SessionTokenException {
        public Malformed(String message) {
            super(message);
        }

        @Override
        public Reason reason() {
            return Reason.MALFORMED;
        }
    }

    /** The token's signature does not verify under the key it names. */
    public static final class BadSignature extends SessionTokenException {
        public BadSignature(String message) {
            super(message);
        }

        @Override
        public Reason reason() {
            return Reason.BAD_SIGNATURE;
        }
    }

    /** The token names a key id that is not in the keyring. */
    public static final class UnknownKey extends SessionTokenException {
        private final String keyId;

        public UnknownKey(String keyId, String message) {
            super(message);
            this.keyId = keyId;
        }

        /** @return the key id the token named */
        public String keyId() {
            return keyId;
        }

        @Override
        public Reason reason() {
            return Reason.UNKNOWN_KEY;
        }
    }

    /** The token is authentic but from an older epoch; the client must start a new session. */
    public static final class StaleEpoch extends SessionTokenException {
        private final long tokenEpoch;
        private final long currentEpoch;

        public StaleEpoch(long tokenEpoch, long currentEpoch) {
            super("Session token is from epoch " + tokenEpoch + " but the current epoch is " + currentEpoch
                    + ": the source topics were recreated or repartitioned since it was issued, so it cannot be"
                    + " honoured. Drop the token and start a new session (read without Ripple-Session-Token).");
            this.tokenEpoch = tokenEpoch;
            this.currentEpoch = currentEpoch;
        }

        /** @return the epoch the token was issued in */
        public long tokenEpoch() {
            return tokenEpoch;
        }

        /** @return the current epoch it was checked against */
        public long currentEpoch() {
            return currentEpoch;
        }

        @Override
        public Reason reason() {
            return Reason.STALE_EPOCH;
        }
    }
}
