package dev.ripple.conittracker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.config.ConitDoc;
import dev.ripple.events.ConitStatus;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** When the tracker publishes an unchanged status again, and what counts as a change. */
class ConitHeartbeatTest {
    private static ConitDoc conit(Long stalenessMs) {
        return new ConitDoc("pages", ConitDoc.KeyPattern.glob("enwiki:*"), new ConitDoc.Bounds(stalenessMs,
                stalenessMs == null ? 1_000L : null, null), ConitDoc.Enforcement.GATE_READS);
    }

    private static ConitStatus status(long staleness, Instant at) {
        return new ConitStatus("pages", "gate-reads", new ConitStatus.Bounds(5_000L, null, null),
                Map.of("eqiad", new ConitStatus.Region(staleness > 0 ? 1 : 0, staleness > 0 ? 1 : 0, staleness,
                        List.of())), at);
    }

    @Test
    void shouldBeatEverySecondOrAQuarterOfTheStalenessBoundIfLess() {
        assertThat(ConitTracker.heartbeatMs(conit(null))).isEqualTo(1_000);
        assertThat(ConitTracker.heartbeatMs(conit(5_000L))).isEqualTo(1_000);
        assertThat(ConitTracker.heartbeatMs(conit(2_000L))).isEqualTo(500);
        assertThat(ConitTracker.heartbeatMs(conit(100L))).isEqualTo(25);
    }

    @Test
    void shouldTellAChangedMeasureFromTheSameMeasuredLater() {
        Instant at = Instant.parse("2026-12-01T00:00:00Z");
        assertThat(ConitTracker.sameMeasure(status(0, at), status(0, at.plusSeconds(1)))).isTrue();
        assertThat(ConitTracker.sameMeasure(status(0, at), status(120, at.plusMillis(100)))).isFalse();
        assertThat(ConitTracker.sameMeasure(status(120, at), status(220, at.plusMillis(100)))).isFalse();
    }
}
