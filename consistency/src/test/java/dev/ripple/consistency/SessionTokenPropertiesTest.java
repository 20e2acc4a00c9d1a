package dev.ripple.consistency;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import net.jqwik.api.constraints.IntRange;

class SessionTokenPropertiesTest {

    final SessionTokenCodec codec = SessionTokenCodec.of(
            SessionKeyring.of("k1", SessionTokenCodecTest.KEY_A).withKey("k2", SessionTokenCodecTest.KEY_B));

    @Provide
    Arbitrary<Position> positions() {
        return Positions.wide();
    }

    @Provide
    Arbitrary<Character> replacements() {
        return Arbitraries.oneOf(Arbitraries.chars().range(' ', '~'), Arbitraries.chars().range('\u0080', '\u00ff'),
                Arbitraries.of('\u0000', '\n', '\u2603'));
    }

    @Property
    void encodedTokenDecodesToTheSameSessionVector(@ForAll("positions") Position session) {
        String token = codec.encode(session);
        assertThat(codec.decode(token, session.epoch()).position()).isEqualTo(session);
    }

    @Property(tries = 2000)
    void tokenAlteredInAnyByteFailsVerification(@ForAll("positions") Position session,
                                                @ForAll @IntRange(min = 0, max = 10_000) int where,
                                                @ForAll("replacements") char replacement) {
        // given
        String token = codec.encode(session);
        int i = where % token.length();
        if (token.charAt(i) == replacement) {
            return;
        }
        String altered = token.substring(0, i) + replacement + token.substring(i + 1);
        // when / then
        assertThatThrownBy(() -> codec.decode(altered, session.epoch())).isInstanceOf(SessionTokenException.class);
    }

    @Property
    void tokenWithAnyByteRemovedFailsVerification(@ForAll("positions") Position session,
                                                  @ForAll @IntRange(min = 0, max = 10_000) int where) {
        String token = codec.encode(session);
        int i = where % token.length();
        String altered = token.substring(0, i) + token.substring(i + 1);
        assertThatThrownBy(() -> codec.decode(altered, session.epoch())).isInstanceOf(SessionTokenException.class);
    }
}
