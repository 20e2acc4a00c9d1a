package dev.ripple.cli.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.cli.Cli;
import dev.ripple.events.SourcePosition;
import dev.ripple.runtime.latest.LatestEntry;
import dev.ripple.testsupport.CommandRun;
import dev.ripple.testsupport.ManualClock;
import dev.ripple.testsupport.TestEvents;
import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** {@code ripple replay}'s arguments: every mistake is refused before anything is read or sent, naming the fix. */
class ReplayCommandTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");

    @Test
    void shouldRefuseBothKeyAndPrefix() {
        CommandRun run = Cli.ripple("replay", "--region", "eqiad", "--key", "a", "--prefix", "b");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--key, --prefix and --since exclude each other", "give exactly one of");
    }

    @Test
    void shouldRefuseNoSelection() {
        CommandRun run = Cli.ripple("replay", "--region", "eqiad");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Nothing to replay", "--key K", "--prefix P", "--since T");
    }

    @Test
    void shouldRefuseUntilWithoutSince() {
        CommandRun run = Cli.ripple("replay", "--region", "eqiad", "--prefix", "enwiki:", "--until", "1h");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("--until needs --since");
    }

    @Test
    void shouldRefuseARateThatIsNotAboveZero() {
        CommandRun zero = Cli.ripple("replay", "--region", "eqiad", "--key", "k", "--rate", "0");
        CommandRun negative = Cli.ripple("replay", "--region", "eqiad", "--key", "k", "--rate", "-5");

        assertThat(zero.exitCode()).isEqualTo(2);
        assertThat(zero.err()).contains("Invalid value 0.0 for option '--rate'", "above 0");
        assertThat(negative.exitCode()).isEqualTo(2);
    }

    @Test
    void shouldRefuseATimeThatIsNeitherAnInstantNorAnAgeAndAnEmptyWindow() {
        CommandRun bad = Cli.ripple("replay", "--region", "eqiad", "--since", "yesterday");
        CommandRun backwards = Cli.ripple("replay", "--region", "eqiad", "--since", "1h", "--until", "2h");

        assertThat(bad.exitCode()).isEqualTo(2);
        assertThat(bad.err()).contains("Invalid value 'yesterday' for option '--since'", "2026-11-22T10:00:00Z",
                "10m");
        assertThat(backwards.exitCode()).isEqualTo(2);
        assertThat(backwards.err()).contains("it must be after --since");
    }

    @Test
    void shouldRefuseAnInvalidRegionName() {
        CommandRun run = Cli.ripple("replay", "--region", "EQIAD", "--key", "k");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("Invalid value for option '--region': 'EQIAD' cannot name a region");
    }

    @Test
    void shouldReadAgesBackFromNowAndInstantsAsTheyAre() {
        ManualClock clock = new ManualClock(NOW);

        assertThat(ReplaySelection.time("--since", "10m", clock)).isEqualTo(NOW.minus(Duration.ofMinutes(10)));
        assertThat(ReplaySelection.time("--since", "7d", clock)).isEqualTo(NOW.minus(Duration.ofDays(7)));
        assertThat(ReplaySelection.time("--since", "2026-11-01T00:00:00Z", clock))
                .isEqualTo(Instant.parse("2026-11-01T00:00:00Z"));
    }

    @Test
    void shouldSelectByKeyPrefixAndSourceTimeWindow() {
        ManualClock clock = new ManualClock(NOW);
        LatestEntry old = entry("enwiki:A_1", NOW.minus(Duration.ofHours(3)));
        LatestEntry recent = entry("enwiki:B_1", NOW.minus(Duration.ofMinutes(5)));

        assertThat(ReplaySelection.of("enwiki:A_1", null, null, null, clock).matches(old)).isTrue();
        assertThat(ReplaySelection.of("enwiki:A_", null, null, null, clock).matches(old)).isFalse();
        assertThat(ReplaySelection.of(null, "enwiki:A_", null, null, clock).matches(old)).isTrue();
        assertThat(ReplaySelection.of(null, "enwiki:A_", null, null, clock).matches(recent)).isFalse();
        assertThat(ReplaySelection.of(null, null, "1h", null, clock).matches(recent)).isTrue();
        assertThat(ReplaySelection.of(null, null, "1h", null, clock).matches(old)).isFalse();
        assertThat(ReplaySelection.of(null, null, "4h", "1h", clock).matches(old)).isTrue();
        assertThat(ReplaySelection.of(null, null, "4h", "1h", clock).matches(recent)).isFalse();
    }

    @Test
    void shouldShowProgressWithRateAndTimeLeft() {
        assertThat(ReplayProgress.line(4000, 10000, 1000, 0, 250, Duration.ofSeconds(4)))
                .isEqualTo("ripple replay: scanned 4000/10000 (40%), sent 1000 (250/s), ETA 6.0 s");
        assertThat(ReplayProgress.line(100, 100, 10, 50, 10, Duration.ofSeconds(1))).endsWith("ETA 5.0 s");
        assertThat(ReplayProgress.line(0, 10, 0, 0, 10, Duration.ZERO)).endsWith("ETA unknown");
    }

    private static LatestEntry entry(String key, Instant written) {
        return new LatestEntry("edits", TestEvents.upsert(key, 1), new SourcePosition("ripple.stream.edits", 0, 1,
                written));
    }
}
