package dev.ripple.cachepurger.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.cachepurger.Purges;
import dev.ripple.events.SourcePosition;
import java.util.Map;
import org.junit.jupiter.api.Test;

class CommitMetadataTest {

    @Test
    void shouldRoundTripThePositionThroughTheOffsetsMetadata() {
        Map<String, SourcePosition> advanced = Map.of(Purges.SOURCE, Purges.source(4, 123),
                "ripple.stream.other", new SourcePosition("ripple.stream.other", 4, 7, Purges.source(4, 1).dt()));

        String metadata = CommitMetadata.encode(advanced);

        assertThat(metadata).startsWith("v1;ripple.stream.edits=123@");
        assertThat(CommitMetadata.decode(metadata, 4)).isEqualTo(advanced);
        assertThat(CommitMetadata.decode(null, 4)).isEmpty();
        assertThat(CommitMetadata.decode("v1;garbage;x=y@z", 4)).isEmpty();
    }
}
