package dev.ripple.consistency;

import static dev.ripple.consistency.Positions.pos;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

class SessionTokenCodecTest {

    static final byte[] KEY_A = secret('a');
    static final byte[] KEY_B = secret('b');

    final SessionTokenCodec codec = SessionTokenCodec.of(SessionKeyring.of("k1", KEY_A));

    static byte[] secret(char fill) {
        byte[] b = new byte[32];
        Arrays.fill(b, (byte) fill);
        return b;
    }

    @Test
    void shouldRoundTripSessionVectorAndNameSigningKey() {
        // given
        Position session = pos(7, "edits:0", 17, "edits:5", 3, "pages:2", 0);
        // when
        String token = codec.encode(session);
        SessionToken decoded = codec.decode(token, 7);
        // then
        assertThat(token).startsWith("v1.7.").matches("[A-Za-z0-9._-]+");
        assertThat(decoded).isEqualTo(new SessionToken(session, "k1"));
    }

    @Test
    void shouldKeepTokenForThirtySixPartitionsUnder200Bytes() {
        // given: one topic of 36 partitions that each took about 50 million records
        Random random = new Random(36);
        Map<TopicPartitionKey, Long> offsets = new TreeMap<>();
        for (int p = 0; p < 36; p++) {
            offsets.put(TopicPartitionKey.of("edits", p), 50_000_000L + random.nextInt(10_000) - 5_000);
        }
        // when
        String token = codec.encode(Position.of(12, offsets));
        // then
        assertThat(token.getBytes(StandardCharsets.US_ASCII)).hasSizeLessThan(200);
        assertThat(codec.decode(token, 12).position().offsets()).isEqualTo(offsets);
    }

    @Test
    void shouldRefuseTokenFromOlderEpochAsStaleEpochSoTheReadApiCanAnswer410() {
        // given
        String token = codec.encode(pos(3, "edits:0", 10));
        // when / then
        assertThatThrownBy(() -> codec.decode(token, 4))
                .isInstanceOfSatisfying(SessionTokenException.StaleEpoch.class, e -> {
                    assertThat(e.reason()).isEqualTo(SessionTokenException.Reason.STALE_EPOCH);
                    assertThat(e.tokenEpoch()).isEqualTo(3);
                    assertThat(e.currentEpoch()).isEqualTo(4);
                })
                .hasMessageContaining("epoch 3").hasMessageContaining("start a new session");
    }

    @Test
    void shouldRefuseTokenFromFutureEpochAsMalformedSayingWhy() {
        String token = codec.encode(pos(9, "edits:0", 10));
        assertThatThrownBy(() -> codec.decode(token, 4))
                .isInstanceOf(SessionTokenException.Malformed.class)
                .hasMessageContaining("epoch 9").hasMessageContaining("current epoch is 4")
                .hasMessageContaining("another deployment");
    }

    @Test
    void shouldRefuseTokenSignedWithUnlistedKeyAsUnknownKey() {
        // given
        SessionTokenCodec other = SessionTokenCodec.of(SessionKeyring.of("k9", KEY_B));
        String token = other.encode(pos(1, "edits:0", 10));
        // when / then
        assertThatThrownBy(() -> codec.decode(token, 1))
                .isInstanceOfSatisfying(SessionTokenException.UnknownKey.class,
                        e -> assertThat(e.keyId()).isEqualTo("k9"))
                .hasMessageContaining("'k9'");
    }

    @Test
    void shouldRefuseForgedFuturePositionAsBadSignature() {
        // given: a client rewrites its vector to claim offset 999999, signing with a guessed key under the real id
        SessionTokenCodec forger = SessionTokenCodec.of(SessionKeyring.of("k1", KEY_B));
        String forged = forger.encode(pos(1, "edits:0", 999_999));
        // when / then
        assertThatThrownBy(() -> codec.decode(forged, 1))
                .isInstanceOf(SessionTokenException.BadSignature.class)
                .hasMessageContaining("altered");
    }

    @Test
    void shouldSignWithNewKeyAndStillVerifyOldTokensAfterRotation() {
        // given
        String issuedBefore = codec.encode(pos(1, "edits:0", 5));
        SessionKeyring rotated = codec.keyring().withKey("k2", KEY_B).withCurrent("k2");
        SessionTokenCodec after = SessionTokenCodec.of(rotated);
        // when
        String issuedAfter = after.encode(pos(1, "edits:0", 6));
        // then
        assertThat(after.decode(issuedBefore, 1).keyId()).isEqualTo("k1");
        assertThat(after.decode(issuedAfter, 1).keyId()).isEqualTo("k2");
        assertThatThrownBy(() -> codec.decode(issuedAfter, 1)).isInstanceOf(SessionTokenException.UnknownKey.class);
        // and when the old key is retired, its tokens are refused
        SessionTokenCodec retired = SessionTokenCodec.of(rotated.withoutKey("k1"));
        assertThatThrownBy(() -> retired.decode(issuedBefore, 1)).isInstanceOf(SessionTokenException.UnknownKey.class);
    }

    @Test
    void shouldRefuseGarbageAsMalformedWithAnActionableMessage() {
        assertThatThrownBy(() -> codec.decode("", 1)).isInstanceOf(SessionTokenException.Malformed.class)
                .hasMessageContaining("expected 5 parts");
        assertThatThrownBy(() -> codec.decode("v2.1.AA.k1.AAAAAAAAAAAAAAAAAAAAAA", 1))
                .isInstanceOf(SessionTokenException.Malformed.class).hasMessageContaining("v1");
        assertThatThrownBy(() -> codec.decode("v1.-1.AA.k1.AAAAAAAAAAAAAAAAAAAAAA", 1))
                .isInstanceOf(SessionTokenException.Malformed.class).hasMessageContaining("epoch '-1'");
        assertThatThrownBy(() -> codec.decode("v1.1.A=.k1.AAAAAAAAAAAAAAAAAAAAAA", 1))
                .isInstanceOf(SessionTokenException.Malformed.class).hasMessageContaining("vector");
        assertThatThrownBy(() -> codec.decode("v1.1." + "A".repeat(5000) + ".k1.x", 1))
                .isInstanceOf(SessionTokenException.Malformed.class).hasMessageContaining("at most 4096");
    }

    @Test
    void shouldRejectWeakKeysAndNeverPrintSecrets() {
        assertThatThrownBy(() -> SessionKeyring.of("k1", new byte[16])).hasMessageContaining("16 bytes");
        assertThatThrownBy(() -> SessionKeyring.of("k.1", KEY_A)).hasMessageContaining("k.1");
        assertThatThrownBy(() -> codec.keyring().withoutKey("k1")).hasMessageContaining("current");
        assertThat(codec.keyring().toString()).doesNotContain("aaaa").contains("k1");
    }
}
