package dev.ripple.runtime.latest;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.events.EditEvent;
import dev.ripple.events.EventMeta;
import dev.ripple.events.SourcePosition;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class LatestWindowTest {
    private static final Instant DT = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void shouldLetOnlyTheNewestVersionOfAKeyOutOfTheWindow() {
        // given a window of 10 entries
        LatestWindow window = new LatestWindow(10, 1 << 20);

        // when a key arrives three times (an uncompacted tail) among others
        assertThat(window.offer(entry("a", 1, 10))).isEmpty();
        window.offer(entry("b", 1, 11));
        window.offer(entry("a", 2, 12));
        window.offer(entry("a", 3, 13));

        // then it leaves once, at its newest version, after the keys it overtook; the two older ones are counted
        assertThat(window.drain()).extracting(e -> e.key() + "@" + e.source().offset())
                .containsExactly("b@11", "a@13");
        assertThat(window.superseded()).isEqualTo(2);
        assertThat(window.drain()).isEmpty();
    }

    @Test
    void shouldPushOutTheOldestEntriesWhenFullByCountOrBytes() {
        LatestWindow byCount = new LatestWindow(2, 1 << 20);
        byCount.offer(entry("a", 1, 1));
        byCount.offer(entry("b", 1, 2));

        assertThat(byCount.offer(entry("c", 1, 3))).extracting(LatestEntry::key).containsExactly("a");

        LatestWindow byBytes = new LatestWindow(100, 300);
        byBytes.offer(entry("a", 1, 1, "x".repeat(200)));

        assertThat(byBytes.offer(entry("b", 1, 2, "y".repeat(200)))).extracting(LatestEntry::key)
                .containsExactly("a");
        assertThat(byBytes.drain()).extracting(LatestEntry::key).containsExactly("b");
    }

    @Test
    void shouldRefuseAnEmptyWindow() {
        assertThatThrownBy(() -> new LatestWindow(0, 10)).hasMessageContaining("Invalid window of 0 entries");
    }

    private static LatestEntry entry(String key, long revision, long offset) {
        return entry(key, revision, offset, "body");
    }

    private static LatestEntry entry(String key, long revision, long offset, String body) {
        EventMeta meta = new EventMeta("id-" + key + "-" + revision, DT, "edits", null, null, null, null);
        return new LatestEntry("edits", EditEvent.upsert(meta, key, revision, "text/plain", body),
                new SourcePosition("ripple.stream.edits", 0, offset, DT));
    }
}
