package dev.ripple.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.testsupport.CommandRun;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * A {@code --region} that no config can hold is refused before the command runs: a replica or purger started for it
 * would otherwise wait, silently and forever, for a topic nothing creates.
 */
class RegionNameTest {
    /** Each command that names a region, with the arguments it needs besides the region option. */
    private static final List<List<String>> COMMANDS = List.of(
            List.of("replica", "--region"),
            List.of("purger", "--region"),
            List.of("replay", "--prefix", "Q", "--region"),
            List.of("probe", "inconsistencies", "--region"),
            List.of("producer", "--origin"),
            List.of("up", "--processes", "--regions"));

    static Stream<Arguments> unnameable() {
        List<String> values = List.of("EQIAD", "eq/iad", "eu.west", "eq iad", "", "_eqiad", "eqiad\n",
                "e".repeat(64), "x".repeat(10_000), "ëqiad");
        return COMMANDS.stream().flatMap(command -> values.stream().map(value -> Arguments.of(command, value)));
    }

    @ParameterizedTest
    @MethodSource("unnameable")
    void shouldRefuseANameNoConfigCanHoldBeforeTheCommandRuns(List<String> command, String region) {
        List<String> args = new ArrayList<>(command);
        args.add(region);

        // no broker, etcd or Redis is given: the value is refused before anything would ask them
        CommandRun run = Cli.ripple(args.toArray(String[]::new));

        assertThat(run.exitCode()).as(String.join(" ", command)).isEqualTo(2);
        assertThat(run.err()).contains("Invalid value for option '" + command.get(command.size() - 1) + "'",
                "cannot name a region", "lower-case letters, digits", "no '.'", "at most 63 characters", "e.g. eqiad");
        assertThat(run.out()).isEmpty();
    }

    @Test
    void shouldRefuseOneBadRegionAmongGoodOnesInUpsList() {
        CommandRun run = Cli.ripple("up", "--processes", "--regions", "eqiad,Codfw");

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'Codfw' cannot name a region");
    }

    @Test
    void shouldEchoAHostileValueCutAndWithoutItsControlCharacters() {
        CommandRun run = Cli.ripple("replica", "--region", "\u001b[2J" + "x".repeat(10_000));

        assertThat(run.exitCode()).isEqualTo(2);
        assertThat(run.err()).contains("'?[2Jxxx").doesNotContain("\u001b").doesNotContain("x".repeat(200));
    }

    @Test
    void shouldTakeEveryNameTheConfigTakes() {
        for (List<String> command : COMMANDS) {
            for (String region : List.of("eqiad", "codfw-2", "eu_west", "e".repeat(63))) {
                List<String> args = new ArrayList<>(command);
                args.add(region);

                assertThat(new RegionName().convert(region)).isEqualTo(region);
                // parsed only: nothing runs
                RippleCommand.commandLine().parseArgs(args.toArray(String[]::new));
            }
        }
    }
}
