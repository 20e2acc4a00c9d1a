package dev.ripple.consistency;

import java.util.Map;
import java.util.TreeMap;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;

/** jqwik generators for positions, kept small so that generated positions overlap and compare often. */
final class Positions {

    private Positions() {
    }

    static Arbitrary<TopicPartitionKey> partitions() {
        return Combinators.combine(Arbitraries.of("edits", "pages", "media.v2"), Arbitraries.integers().between(0, 7))
                .as(TopicPartitionKey::new);
    }

    /** Positions of one epoch with offsets in a narrow range, so that entries collide. */
    static Arbitrary<Position> narrow(long epoch) {
        return Arbitraries.maps(partitions(), Arbitraries.longs().between(0, 5)).ofMaxSize(6)
                .map(m -> Position.of(epoch, m));
    }

    /** Positions of any epoch with offsets anywhere in the legal range. */
    static Arbitrary<Position> wide() {
        Arbitrary<Long> offsets = Arbitraries.oneOf(Arbitraries.longs().between(0, 1_000_000L),
                Arbitraries.longs().between(0, Long.MAX_VALUE));
        Arbitrary<Integer> parts = Arbitraries.oneOf(Arbitraries.integers().between(0, 64),
                Arbitraries.integers().between(0, Integer.MAX_VALUE));
        Arbitrary<TopicPartitionKey> keys = Combinators.combine(
                Arbitraries.strings().withChars("abcXYZ09._-").ofMinLength(1).ofMaxLength(20), parts)
                .as(TopicPartitionKey::new);
        return Combinators.combine(Arbitraries.longs().between(0, Long.MAX_VALUE),
                        Arbitraries.maps(keys, offsets).ofMaxSize(40))
                .as(Position::of);
    }

    static Position pos(long epoch, Object... topicPartitionOffset) {
        Map<TopicPartitionKey, Long> m = new TreeMap<>();
        for (int i = 0; i < topicPartitionOffset.length; i += 2) {
            m.put(TopicPartitionKey.parse((String) topicPartitionOffset[i]), ((Number) topicPartitionOffset[i + 1]).longValue());
        }
        return Position.of(epoch, m);
    }
}
