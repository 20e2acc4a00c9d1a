package dev.ripple.prober.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.consistency.Dot;
import dev.ripple.events.Op;
import java.time.Instant;
import org.junit.jupiter.api.Test;

class ServedVersionTest {
    private static final Dot WRITE = Dot.of("ripple.stream.edits", 3, 41);

    @Test
    void shouldReadRipplesEtagStrongWeakAndWithoutRevision() {
        assertThat(ServedVersion.ofEtag("\"7/ripple.stream.edits:3@41\"")).contains(new ServedVersion(7L, WRITE));
        assertThat(ServedVersion.ofEtag("W/\"7/ripple.stream.edits:3@41\"")).contains(new ServedVersion(7L, WRITE));
        assertThat(ServedVersion.ofEtag("\"-/ripple.stream.edits:3@41\"")).contains(new ServedVersion(null, WRITE));
    }

    @Test
    void shouldIgnoreEtagsThatAreNotRipplesWhateverTheyHold() {
        for (String etag : new String[] {null, "", "\"", "\"abc\"", "\"7/\"", "\"x/ripple.stream.edits:3@41\"",
                "\"7/ripple.stream.edits:3@-1\"", "7/ripple.stream.edits:3@41", "\"99999999999999999999/a:1@1\"",
                "W/", "\"7/" + "a".repeat(10_000) + ":1@1\""}) {
            assertThat(ServedVersion.ofEtag(etag)).as(etag).isEmpty();
        }
    }

    @Test
    void shouldJudgeByRevisionWhenBothHaveOneElseByPositionInTheSamePartition() {
        SampledWrite write = new SampledWrite("edits", "k", Op.UPSERT, 5L, WRITE, Instant.EPOCH);
        assertThat(write.servedBy(5L, Dot.of("ripple.stream.edits", 3, 1))).isTrue();
        assertThat(write.servedBy(4L, Dot.of("ripple.stream.edits", 3, 99))).isFalse();

        SampledWrite unrevised = new SampledWrite("edits", "k", Op.UPSERT, null, WRITE, Instant.EPOCH);
        assertThat(unrevised.servedBy(9L, WRITE)).isTrue();
        assertThat(unrevised.servedBy(null, Dot.of("ripple.stream.edits", 3, 40))).isFalse();
        assertThat(unrevised.servedBy(null, Dot.of("ripple.stream.edits", 2, 400))).isFalse();
        assertThat(unrevised.servedBy(null, null)).isFalse();
    }
}
