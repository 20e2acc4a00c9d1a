package dev.ripple.prober.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;

class KeySampleTest {

    @Test
    void shouldFollowAboutTheRatioOfKeysAndAlwaysTheSameOnes() {
        KeySample onePercent = new KeySample(0.01);
        long followed = IntStream.range(0, 100_000).filter(i -> onePercent.follows("enwiki:Page_" + i)).count();
        assertThat(followed).isBetween(800L, 1_200L);
        assertThat(IntStream.range(0, 1_000).allMatch(i -> onePercent.follows("enwiki:Page_" + i)
                == new KeySample(0.01).follows("enwiki:Page_" + i))).isTrue();
    }

    @Test
    void shouldFollowEveryKeyAtOneAndKeepASmallerSampleInsideALargerOne() {
        assertThat(IntStream.range(0, 1_000).allMatch(i -> new KeySample(1).follows("k" + i))).isTrue();
        KeySample small = new KeySample(0.05);
        KeySample large = new KeySample(0.2);
        assertThat(IntStream.range(0, 10_000).filter(i -> small.follows("k" + i)).allMatch(i -> large.follows("k" + i)))
                .isTrue();
    }

    @Test
    void shouldTakeAnyKeyWithoutFailing() {
        KeySample sample = new KeySample(0.5);
        sample.follows("");
        sample.follows("\u0000\u001b[2J" + "x".repeat(100_000));
    }
}
