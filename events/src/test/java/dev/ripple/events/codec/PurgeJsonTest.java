package dev.ripple.events.codec;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.events.EventSerdes;
import dev.ripple.events.PurgeRecord;
import dev.ripple.events.PurgeRequest;
import dev.ripple.events.RuleRef;
import dev.ripple.events.SourcePosition;
import dev.ripple.events.Trace;
import dev.ripple.events.Watermark;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.Arbitraries;
import net.jqwik.api.Arbitrary;
import net.jqwik.api.Combinators;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.Provide;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

/** Purge records read off the token stream, or left to data binding, as the shared serde reads them. */
class PurgeJsonTest {
    private static final Instant DT = Instant.parse("2026-11-22T10:00:00Z");


    @Test
    void shouldReadWhatTheSharedSerdeWritesAndNameTheTopicOfWhatItCannotRead() {
        PurgeRecord request = request("enwiki:A", List.of("page:a"), List.of("https://x.org/a"),
                List.of("t"), 42L, 3, 17);
        byte[] written = EventSerdes.purgeRecord().serialize("t", request);

        assertThat(FastJson.readPurgeRecord("t", written)).isEqualTo(request);
        assertThat(FastJson.readPurgeRecord("t", EventSerdes.purgeRecord().serialize("t", watermark(1, 2))))
                .isEqualTo(watermark(1, 2));
        String offset = new String(written, StandardCharsets.UTF_8).replace("Z\"", "+00:00\"");
        assertThat(FastJson.readPurgeRecord("t", offset.getBytes(StandardCharsets.UTF_8))).isEqualTo(request);
        assertThatThrownBy(() -> FastJson.readPurgeRecord("ripple.purge.x", "{".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("ripple.purge.x");
    }

    @Property(tries = 500)
    void shouldReadThePlainShapeOffTheTokenStreamAsDataBindingDoes(@ForAll("requests") PurgeRecord record) {
        byte[] written = EventSerdes.purgeRecord().serialize("t", record);

        assertThat(PurgeJson.read(written)).isEqualTo(record)
                .isEqualTo(EventSerdes.purgeRecord().deserialize("t", written));
    }

    @Provide
    Arbitrary<PurgeRecord> requests() {
        Arbitrary<List<String>> names = Arbitraries.strings().ofMaxLength(12).list().ofMaxSize(3);
        Arbitrary<Long> revisions = Arbitraries.longs().between(0, Long.MAX_VALUE).injectNull(0.2);
        return Combinators.combine(names, names, names, revisions, Arbitraries.integers().between(0, 1000),
                Arbitraries.longs().between(0, 200_000_000_000L)).as((keys, urls, tags, revision, partition, offset) ->
                        keys.isEmpty() && urls.isEmpty() && tags.isEmpty() ? watermark(partition, offset % 1000)
                                : request("k\u00e9\"" + offset, keys, urls, tags, revision, partition, offset));
    }

    @Test
    void shouldLeaveEveryOtherShapeToDataBinding() {
        String plain = new String(EventSerdes.purgeRecord().serialize("t", request("enwiki:A",
                List.of("page:a"), List.of(), List.of("t"), 42L, 3, 17)), StandardCharsets.UTF_8);
        List<String> others = List.of(
                plain.replace("{\"kind\":\"purge\",", "{").replace("}}", "},\"kind\":\"purge\"}"),
                plain.replace("\"revision\":42", "\"revision\":\"42\""),
                plain.replace("\"key\":\"enwiki:A\"", "\"key\":\"enwiki:A\",\"key\":\"enwiki:B\""),
                plain.replace("\"partition\":3", "\"partition\":3.0"),
                plain.replace("10:00:00Z", "10:00:00+00:00"),
                plain.replace("\"tags\":[\"t\"]", "\"tags\":[\"t\"],\"extra\":1"),
                plain.replace("\"keys\":[\"page:a\"]", "\"keys\":[]").replace("[\"t\"]", "[]"),
                plain.replace("\"keys\":[\"page:a\"]", "\"keys\":[null]"));

        byte[] noRevision = plain.replace("\"revision\":42,", "").getBytes(StandardCharsets.UTF_8);
        assertThat(PurgeJson.read(noRevision)).isEqualTo(EventSerdes.purgeRecord().deserialize("t", noRevision));
        for (String other : others) {
            byte[] bytes = other.getBytes(StandardCharsets.UTF_8);
            assertThat(PurgeJson.read(bytes)).as(other).isNull();
            Object shared;
            try {
                shared = EventSerdes.purgeRecord().deserialize("t", bytes);
            } catch (RuntimeException e) {
                shared = SerializationException.class;
            }
            Object ours;
            try {
                ours = FastJson.readPurgeRecord("t", bytes);
            } catch (SerializationException e) {
                ours = SerializationException.class;
            }
            assertThat(ours).as(other).isEqualTo(shared);
        }
    }

    /** As the purger's test fixture {@code Purges} writes them, from source topic ripple.stream.edits. */
    private static PurgeRequest request(String key, List<String> keys, List<String> urls, List<String> tags,
            Long revision, int partition, long offset) {
        return new PurgeRequest(key, keys, urls, tags, revision, source(partition, offset), new RuleRef("page-edits", 1),
                new Trace(DT, DT));
    }

    private static Watermark watermark(int partition, long offset) {
        return new Watermark(source(partition, offset));
    }

    private static SourcePosition source(int partition, long offset) {
        return new SourcePosition("ripple.stream.edits", partition, offset, DT.plusMillis(offset));
    }
}
