package dev.ripple.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import org.apache.kafka.common.header.Header;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeader;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.junit.jupiter.api.Test;

class DeadLetterRecordTest {
    private static final Instant T0 = Instant.parse("2026-11-22T10:00:00Z");
    private static final byte[] VALUE = "{\"key\": \"k\"}".getBytes(StandardCharsets.UTF_8);
    private static final List<Header> ORIGINAL_HEADERS = List.of(new RecordHeader("trace-id",
            new byte[] {1, 2}), new RecordHeader("ripple-deps", new byte[] {0, 7, 9}));

    @Test
    void shouldKeepTheValueByteForByteAndTheOriginalHeadersBeforeItsOwn() {
        // given a dead letter of a record with headers
        DeadLetterRecord letter = new DeadLetterRecord(new FailedRecord("ripple.stream.edits", 2, 40, "k", VALUE,
                ORIGINAL_HEADERS), "template: no {title}", 3, T0, T0.plusSeconds(9), "propagator", -1);

        // when it is written as a record and read back
        Headers headers = letter.headers();
        DeadLetterRecord read = DeadLetterRecord.read("k", letter.value(), headers);

        // then the value is the original bytes, the original headers come first and unchanged, and Ripple's are text
        assertThat(letter.value()).isEqualTo(VALUE);
        assertThat(headers.toArray()).startsWith(ORIGINAL_HEADERS.toArray(Header[]::new));
        assertThat(new String(headers.lastHeader(DeadLetterRecord.REASON).value(), StandardCharsets.UTF_8))
                .isEqualTo("template: no {title}");
        assertThat(new String(headers.lastHeader(DeadLetterRecord.OFFSET).value(), StandardCharsets.UTF_8))
                .isEqualTo("40");
        assertThat(read).isEqualTo(letter);
        assertThat(read.originalHeaders()).isEqualTo(ORIGINAL_HEADERS);
    }

    @Test
    void shouldDropAnOlderDeadLettersHeadersFromTheOriginal() {
        // given a record that carries the headers of an earlier dead letter (it was replayed with them)
        List<Header> stale = List.of(new RecordHeader("ripple-deps", new byte[] {1}),
                new RecordHeader(DeadLetterRecord.REASON, "old".getBytes(StandardCharsets.UTF_8)));
        DeadLetterRecord letter = new DeadLetterRecord(new FailedRecord("t", 0, 1, "k", VALUE, stale), "new", 1, T0,
                T0, "replica.eqiad", -1);

        // then only the new reason is on it, and a replay sends only the original's own header back
        assertThat(letter.headers().headers(DeadLetterRecord.REASON)).hasSize(1);
        assertThat(DeadLetterRecord.read("k", VALUE, letter.headers()).reason()).isEqualTo("new");
        assertThat(letter.originalHeaders()).extracting(Header::key).containsExactly("ripple-deps");
    }

    @Test
    void shouldSayWhenTheValueWasLeftOut() {
        DeadLetterRecord letter = new DeadLetterRecord(new FailedRecord("t", 0, 1, "k", VALUE), "too large", 1, T0, T0,
                "propagator", -1).withoutValue("too large (value left out)");

        DeadLetterRecord read = DeadLetterRecord.read("k", null, letter.headers());

        assertThat(read.value()).isNull();
        assertThat(read.valueLeftOut()).isEqualTo(VALUE.length);
        assertThat(read.reason()).isEqualTo("too large (value left out)");
    }

    @Test
    void shouldRefuseARecordThatIsNotADeadLetter() {
        assertThatThrownBy(() -> DeadLetterRecord.read("k", VALUE, new RecordHeaders()))
                .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("no header ripple-dlq-topic");
        Headers bad = new DeadLetterRecord(new FailedRecord("t", 0, 1, "k", VALUE), "r", 1, T0, T0, "c", -1)
                .headers();
        bad.remove(DeadLetterRecord.OFFSET).add(DeadLetterRecord.OFFSET, "x".getBytes(StandardCharsets.UTF_8));
        assertThatThrownBy(() -> DeadLetterRecord.read("k", VALUE, bad)).hasMessageContaining("malformed");
    }
}
