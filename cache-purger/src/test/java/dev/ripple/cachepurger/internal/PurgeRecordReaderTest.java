package dev.ripple.cachepurger.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.cachepurger.Purges;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.PurgeRecord;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.List;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.LongRange;
import org.apache.kafka.common.errors.SerializationException;
import org.junit.jupiter.api.Test;

class PurgeRecordReaderTest {

    @Property(tries = 2000)
    void shouldParseEveryUtcInstantAsTheJdkDoes(@ForAll @LongRange(min = 0, max = 253_402_300_799L) long seconds,
            @ForAll @LongRange(min = 0, max = 999_999_999) long nanos) {
        Instant instant = Instant.ofEpochSecond(seconds, nanos);

        assertThat(PurgeRecordReader.Utc.parse(instant.toString())).isEqualTo(instant);
    }

    @Test
    void shouldLeaveOtherFormsToJackson() {
        for (String other : List.of("2026-11-22T10:00:00+01:00", "2026-02-30T10:00:00Z", "2026-11-22T10:00:60Z",
                "2026-11-22 10:00:00Z", "+12026-11-22T10:00:00Z", "2026-11-22T10:00:00.Z", "2026-1x-22T10:00:00Z")) {
            assertThat(PurgeRecordReader.Utc.parse(other)).as(other).isNull();
        }
    }

    @Test
    void shouldReadWhatTheSharedSerdeWritesAndNameTheTopicOfWhatItCannotRead() {
        PurgeRecord request = Purges.request("enwiki:A", List.of("page:a"), List.of("https://x.org/a"),
                List.of("t"), 42L, 3, 17);
        byte[] written = EventSerdes.purgeRecord().serialize("t", request);

        assertThat(PurgeRecordReader.read("t", written)).isEqualTo(request);
        assertThat(PurgeRecordReader.read("t", EventSerdes.purgeRecord().serialize("t", Purges.watermark(1, 2))))
                .isEqualTo(Purges.watermark(1, 2));
        String offset = new String(written, StandardCharsets.UTF_8).replace("Z\"", "+00:00\"");
        assertThat(PurgeRecordReader.read("t", offset.getBytes(StandardCharsets.UTF_8))).isEqualTo(request);
        assertThatThrownBy(() -> PurgeRecordReader.read("ripple.purge.x", "{".getBytes(StandardCharsets.UTF_8)))
                .isInstanceOf(SerializationException.class).hasMessageContaining("ripple.purge.x");
    }
}
