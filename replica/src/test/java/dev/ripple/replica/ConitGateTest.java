package dev.ripple.replica;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.config.ConfigDocuments;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.ConitDoc;
import dev.ripple.events.ConitStatus;
import dev.ripple.testsupport.ManualClock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConitGateTest {
    private static final Instant T0 = Instant.parse("2026-12-01T10:00:00Z");
    private final ManualClock clock = new ManualClock(T0);
    private final ConfigStore store = ConfigStore.inMemory();
    private final AtomicReference<Map<String, ConitStatus>> statuses = new AtomicReference<>(Map.of());
    private ConfigView view;

    @AfterEach
    void close() {
        if (view != null) {
            view.close();
        }
        store.close();
    }

    private ConitGate gate(ConitDoc.Unknown unknown) {
        store.txnRun(txn -> ConfigDocuments.put(txn, new ConitDoc("pages", ConitDoc.KeyPattern.glob("enwiki:*"),
                new ConitDoc.Bounds(500L, null, null), ConitDoc.Enforcement.GATE_READS, unknown)));
        view = ConfigView.open(store, clock);
        return new ConitGate(view, statuses::get, clock);
    }

    private void status(long stalenessMs, Instant at, String... violations) {
        statuses.set(Map.of("pages", new ConitStatus("pages", "gate-reads", new ConitStatus.Bounds(500L, null, null),
                Map.of("eqiad", new ConitStatus.Region(1, 1, stalenessMs, List.of(violations))), at)));
    }

    @Test
    void shouldFailClosedWhenNoStatusHasComeFromTheTracker() {
        ConitGate gate = gate(null);

        assertThat(gate.closed("eqiad", "enwiki:Main_Page")).hasValueSatisfying(c -> {
            assertThat(c.unknown()).isTrue();
            assertThat(c.detail()).contains("pages", "no status", "eqiad");
        });
        assertThat(gate.closed("eqiad", "dewiki:Hauptseite")).isEmpty();
    }

    @Test
    void shouldFailClosedWhenTheLatestStatusIsOlderThanTheStalenessBound() {
        // given a status that said eqiad was fresh
        ConitGate gate = gate(ConitDoc.Unknown.CLOSED);
        status(0, T0);
        assertThat(gate.closed("eqiad", "enwiki:Main_Page")).isEmpty();

        // when no status comes for longer than staleness_ms (the tracker is down)
        clock.advance(Duration.ofMillis(501));

        // then the conit's standing is unknown, and reads are held, saying why
        assertThat(gate.closed("eqiad", "enwiki:Main_Page")).hasValueSatisfying(c -> {
            assertThat(c.unknown()).isTrue();
            assertThat(c.detail()).contains("501 ms old", "more than 500 ms", "conit tracker");
        });
    }

    @Test
    void shouldServeWhileUnknownWhenTheConitSaysOpen() {
        ConitGate gate = gate(ConitDoc.Unknown.OPEN);

        assertThat(gate.closed("eqiad", "enwiki:Main_Page")).isEmpty();
        status(0, T0);
        clock.advance(Duration.ofSeconds(10));
        assertThat(gate.closed("eqiad", "enwiki:Main_Page")).isEmpty();
    }

    @Test
    void shouldCloseWhenTheStatusPlusItsAgeMayBePastTheStalenessBound() {
        // given a status 300 ms stale, within the 500 ms bound when measured
        ConitGate gate = gate(null);
        status(300, T0);
        clock.advance(Duration.ofMillis(200));
        assertThat(gate.closed("eqiad", "enwiki:Main_Page")).isEmpty();

        // when it is 201 ms old: what was 300 ms stale then may be 501 ms stale now
        clock.advance(Duration.ofMillis(1));

        // then the gate closes as past the bound, not as unknown
        assertThat(gate.closed("eqiad", "enwiki:Main_Page")).hasValueSatisfying(c -> {
            assertThat(c.unknown()).isFalse();
            assertThat(c.detail()).contains("may be past staleness_ms 500", "300 ms stale 201 ms ago");
        });
    }

    @Test
    void shouldCloseOnAViolationAndTellListenersWhenStatusesChange() {
        ConitGate gate = gate(null);
        AtomicInteger woken = new AtomicInteger();
        gate.onChange(woken::incrementAndGet);
        status(700, T0, "staleness_ms exceeded: 700 > 500 (by 200)");

        assertThat(gate.closed("eqiad", "enwiki:Main_Page")).hasValueSatisfying(c -> {
            assertThat(c.unknown()).isFalse();
            assertThat(c.detail()).contains("past its bounds", "700 > 500");
        });
        gate.statusesChanged();
        assertThat(woken).hasValue(1);
    }
}
