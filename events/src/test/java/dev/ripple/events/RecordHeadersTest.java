package dev.ripple.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.apache.kafka.common.header.Headers;
import org.junit.jupiter.api.Test;

class RecordHeadersTest {
    @Test
    void shouldCarryTheSourceOffsetOfALatestStateRecord() {
        Headers headers = empty();
        RecordHeaders.putSourceOffset(headers, 41);
        RecordHeaders.putSourceOffset(headers, 1L << 40);

        assertThat(RecordHeaders.sourceOffset(headers)).hasValue(1L << 40);
        assertThat(headers.headers(RecordHeaders.SOURCE_OFFSET)).hasSize(1);
        assertThat(RecordHeaders.sourceOffset(empty())).isEmpty();
    }

    @Test
    void shouldRefuseASourceOffsetThatIsNotEightBytes() {
        Headers headers = empty();
        headers.add(RecordHeaders.SOURCE_OFFSET, new byte[] {1, 2});

        assertThatThrownBy(() -> RecordHeaders.sourceOffset(headers))
                .hasMessageContaining("ripple-source-offset must be 8 bytes, was 2 bytes");
    }

    /** Kafka's header list (its class shares this one's simple name). */
    private static Headers empty() {
        return new org.apache.kafka.common.header.internals.RecordHeaders();
    }
}
