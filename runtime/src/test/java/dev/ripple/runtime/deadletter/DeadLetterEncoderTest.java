package dev.ripple.runtime.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.events.DeadLetterRecord;
import dev.ripple.events.FailedRecord;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.junit.jupiter.api.Test;

class DeadLetterEncoderTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private static final List<Header> HEADERS = List.of(new RecordHeader("ripple-deps", new byte[] {0, 1, 2}));
    private final DeadLetterEncoder encoder = new DeadLetterEncoder("purger.eqiad", Clock.fixed(NOW, ZoneOffset.UTC),
            4096);

    @Test
    void shouldKeepTheRecordByteForByteWithItsHeadersReasonAttemptsAndConsumer() {
        byte[] value = "{\"k\":1}".getBytes(StandardCharsets.UTF_8);
        DeadLetterRecord letter = roundTrip(encoder.encode(new DeadLetter(
                new FailedRecord("ripple.purge.eqiad", 2, 40, "k", value, HEADERS), "answered 405", 3,
                NOW.minusSeconds(9))));

        assertThat(letter.value()).isEqualTo(value);
        assertThat(letter.originalHeaders()).isEqualTo(HEADERS);
        assertThat(letter.reason()).isEqualTo("answered 405");
        assertThat(letter.attempts()).isEqualTo(3);
        assertThat(letter.firstFailure()).isEqualTo(NOW.minusSeconds(9));
        assertThat(letter.lastFailure()).isEqualTo(NOW);
        assertThat(letter.consumer()).isEqualTo("purger.eqiad");
    }

    @Test
    void shouldNeverPutTheFirstFailureAfterTheLast() {
        DeadLetterRecord letter = encoder.encode(DeadLetter.once(new FailedRecord("t", 0, 1, "k", null), "late clock",
                NOW.plusSeconds(5)));

        assertThat(letter.firstFailure()).isEqualTo(NOW);
    }

    @Test
    void shouldLeaveATooLargeValueOutAndSaySoRatherThanFail() {
        byte[] value = "x".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        DeadLetterRecord letter = encoder.encode(DeadLetter.once(new FailedRecord("ripple.stream.edits", 1, 7, "k",
                value, HEADERS), "too large", NOW));

        assertThat(letter.sizeInBytes()).isLessThanOrEqualTo(4096);
        DeadLetterRecord read = roundTrip(letter);
        assertThat(read.value()).isNull();
        assertThat(read.valueLeftOut()).isEqualTo(10_000);
        assertThat(read.original().key()).isEqualTo("k");
        assertThat(read.originalHeaders()).isEqualTo(HEADERS);
        assertThat(read.reason()).isEqualTo("too large (value of 10000 bytes left out of this dead letter: it is on "
                + "ripple.stream.edits-1@7)");
    }

    @Test
    void shouldCutAReasonLongerThanTheLimit() {
        DeadLetterRecord letter = encoder.encode(DeadLetter.once(new FailedRecord("t", 0, 1, "k", null),
                "y".repeat(5_000), NOW));

        assertThat(letter.reason()).hasSize(DeadLetterEncoder.MAX_REASON_CHARS + 1).endsWith("…");
    }

    @Test
    void shouldRefuseACapTooSmallForADeadLetter() {
        assertThatThrownBy(() -> new DeadLetterEncoder("intake", Clock.systemUTC(), 100))
                .hasMessage("Invalid value 100 for configuration max_record_bytes: must be at least 1024");
    }

    private static DeadLetterRecord roundTrip(DeadLetterRecord letter) {
        return DeadLetterRecord.read(letter.original().key(), letter.value(), letter.headers());
    }
}
