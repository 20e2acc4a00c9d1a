package dev.ripple.events;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.Test;

/** Ripple's instants as text: the JDK's text, and the JDK's instants back, or null for what Jackson should read. */
class UtcInstantsTest {
    private static final List<Instant> INSTANTS = List.of(Instant.parse("2026-11-22T10:00:00Z"),
            Instant.parse("2026-11-22T10:00:00.100Z"), Instant.parse("2026-11-22T10:00:00.000001Z"),
            Instant.parse("2026-11-22T10:00:00.123456789Z"), Instant.parse("2026-11-22T10:00:00.120Z"),
            Instant.parse("2026-11-22T10:00:00.123400Z"), Instant.EPOCH, Instant.parse("1969-12-31T23:59:59.5Z"),
            Instant.parse("9999-12-31T23:59:59.999Z"), Instant.parse("+10000-01-01T00:00:00Z"),
            Instant.parse("0001-01-01T00:00:00Z"));

    @Test
    void shouldFormatInstantsAsInstantToStringDoes() {
        Random random = new Random(42);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(-100_000_000_000L, 300_000_000_000L),
                    switch (i % 4) {
                        case 0 -> 0;
                        case 1 -> random.nextInt(1000) * 1_000_000;
                        case 2 -> random.nextInt(1_000_000) * 1_000;
                        default -> random.nextInt(1_000_000_000);
                    });
            assertThat(UtcInstants.format(instant)).isEqualTo(instant.toString());
        }
        INSTANTS.forEach(instant -> assertThat(UtcInstants.format(instant)).isEqualTo(instant.toString()));
    }

    @Test
    void shouldParseTheCommonFormAndLeaveEveryOtherFormToJackson() {
        INSTANTS.forEach(instant -> {
            Instant parsed = UtcInstants.parse(instant.toString());
            if (parsed != null) {
                assertThat(parsed).isEqualTo(instant);
            }
        });
        assertThat(UtcInstants.parse("2026-11-22T10:00:00.1Z")).isEqualTo(Instant.parse("2026-11-22T10:00:00.1Z"));
        for (String other : List.of("2026-11-22T10:00:00+01:00", "2026-02-30T10:00:00Z", "2026-11-22T24:00:00Z",
                "2026-11-22T10:00:60Z", "2026-11-22T10:00:00.Z", "2026-11-22T10:00:00z", " 2026-11-22T10:00:00Z",
                "2026-11-22T10:00:00.1234567890Z", "2026-11-22 10:00:00Z", "+10000-01-01T00:00:00Z",
                "+12026-11-22T10:00:00Z", "2026-1x-22T10:00:00Z")) {
            assertThat(UtcInstants.parse(other)).as(other).isNull();
        }
    }

    @Test
    void shouldParseEveryUtcInstantAsTheJdkDoes() {
        Random random = new Random(7);
        for (int i = 0; i < 100_000; i++) {
            Instant instant = Instant.ofEpochSecond(random.nextLong(0, 253_402_300_800L), random.nextInt(1_000_000_000));
            assertThat(UtcInstants.parse(instant.toString())).isEqualTo(instant);
        }
    }
}
