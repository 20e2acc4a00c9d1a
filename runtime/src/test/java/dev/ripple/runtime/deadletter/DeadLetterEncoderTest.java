package dev.ripple.runtime.deadletter;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.events.EventSerdes;
import dev.ripple.events.FailedRecord;
import dev.ripple.events.RetryEnvelope;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.Test;

class DeadLetterEncoderTest {
    private static final Instant NOW = Instant.parse("2026-12-01T10:00:00Z");
    private final DeadLetterEncoder encoder = new DeadLetterEncoder("purger.eqiad", Clock.fixed(NOW, ZoneOffset.UTC),
            4096);

    @Test
    void shouldKeepTheRecordByteForByteWithItsReasonAttemptsAndConsumer() {
        byte[] value = "{\"k\":1}".getBytes(StandardCharsets.UTF_8);
        RetryEnvelope envelope = decode(encoder.encode("ripple.dlq.purger.eqiad", new DeadLetter(
                new FailedRecord("ripple.purge.eqiad", 2, 40, "k", value), "answered 405", 3, NOW.minusSeconds(9))));

        assertThat(envelope.original().value()).isEqualTo(value);
        assertThat(envelope.reason()).isEqualTo("answered 405");
        assertThat(envelope.attempts()).isEqualTo(3);
        assertThat(envelope.firstFailure()).isEqualTo(NOW.minusSeconds(9));
        assertThat(envelope.lastFailure()).isEqualTo(NOW);
        assertThat(envelope.consumer()).isEqualTo("purger.eqiad");
    }

    @Test
    void shouldNeverPutTheFirstFailureAfterTheLast() {
        RetryEnvelope envelope = decode(encoder.encode("dlq", DeadLetter.once(
                new FailedRecord("t", 0, 1, "k", null), "late clock", NOW.plusSeconds(5))));

        assertThat(envelope.firstFailure()).isEqualTo(NOW);
    }

    @Test
    void shouldLeaveATooLargeValueOutAndSaySoRatherThanFail() {
        byte[] value = "x".repeat(10_000).getBytes(StandardCharsets.UTF_8);
        byte[] bytes = encoder.encode("dlq", DeadLetter.once(new FailedRecord("ripple.stream.edits", 1, 7, "k", value),
                "too large", NOW));

        RetryEnvelope envelope = decode(bytes);
        assertThat(bytes.length).isLessThanOrEqualTo(4096);
        assertThat(envelope.original().value()).isNull();
        assertThat(envelope.original().key()).isEqualTo("k");
        assertThat(envelope.reason()).isEqualTo("too large (value of 10000 bytes left out of this envelope: replay it "
                + "from ripple.stream.edits-1@7)");
    }

    @Test
    void shouldRefuseACapTooSmallForAnEnvelope() {
        assertThatThrownBy(() -> new DeadLetterEncoder("intake", Clock.systemUTC(), 100))
                .hasMessage("Invalid value 100 for configuration max_record_bytes: must be at least 1024");
    }

    private static RetryEnvelope decode(byte[] bytes) {
        return EventSerdes.retryEnvelope().deserialize("dlq", bytes);
    }
}
