package dev.ripple.replica.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.consistency.Position;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.events.RegionPosition;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class StalenessTest {
    private static final Instant NOW = TestRecords.T0.plusSeconds(10);
    private static final String P3 = TestRecords.TOPIC + ":3";

    @Test
    void shouldBeZeroForTheMostAdvancedRegion() {
        RegionPosition eqiad = position("eqiad", 40, TestRecords.T0.plusSeconds(9));
        RegionPosition codfw = position("codfw", 30, TestRecords.T0.plusSeconds(5));

        assertThat(Staleness.of(eqiad, List.of(eqiad, codfw), 3, NOW)).isEqualTo(Staleness.NONE);
    }

    @Test
    void shouldMeasureABehindRegionByOffsetsAndByTheAgeOfItsNewestApply() {
        // given codfw applied edits:3 up to 30 (source dt T0+5s) while eqiad is at 40
        RegionPosition eqiad = position("eqiad", 40, TestRecords.T0.plusSeconds(9));
        RegionPosition codfw = position("codfw", 30, TestRecords.T0.plusSeconds(5));

        // then codfw is 10 records and at most 5 s behind on partition 3, and not behind on partition 4
        Staleness staleness = Staleness.of(codfw, List.of(eqiad, codfw), 3, NOW);
        assertThat(staleness).isEqualTo(new Staleness(5_000, 10));
        assertThat(staleness.within(new ReadHeaders.MaxStaleness(5_000L, null))).isTrue();
        assertThat(staleness.within(new ReadHeaders.MaxStaleness(null, 9L))).isFalse();
        assertThat(Staleness.of(codfw, List.of(eqiad, codfw), 4, NOW)).isEqualTo(Staleness.NONE);
    }

    @Test
    void shouldCountEverythingForARegionThatHasNothingOfThePartition() {
        RegionPosition eqiad = position("eqiad", 40, TestRecords.T0.plusSeconds(9));
        RegionPosition empty = new RegionPosition("esams", Position.empty(1), Map.of(), NOW);

        assertThat(Staleness.of(empty, List.of(eqiad, empty), 3, NOW)).isEqualTo(new Staleness(1_000, 41));
    }

    private static RegionPosition position(String region, long offset, Instant dt) {
        return new RegionPosition(region, Position.of(1, Map.of(TopicPartitionKey.parse(P3), offset)),
                Map.of(P3, dt), NOW);
    }
}
