package dev.ripple.cli.up;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.cli.CliException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class PartLaunchTest {

    @Test
    void shouldGiveEveryInstanceAndRegionAPortOfItsOwnWithREADMEsCommandLine() {
        List<PartLaunch> stack = PartLaunch.stack(List.of("eqiad", "codfw"), 2);

        assertThat(stack).extracting(PartLaunch::port).doesNotHaveDuplicates();
        assertThat(stack).filteredOn(l -> l.name().equals("replica codfw #2")).singleElement()
                .satisfies(l -> assertThat(l.args()).containsExactly("replica", "--region", "codfw", "--host",
                        "127.0.0.1", "--port", "8192"));
        assertThat(stack).filteredOn(l -> l.name().equals("ops")).singleElement()
                .satisfies(l -> assertThat(l.port()).isEqualTo(9400));
        assertThat(stack).filteredOn(l -> l.name().equals("probe")).singleElement()
                .satisfies(l -> assertThat(l.args()).containsExactly("probe", "--host", "127.0.0.1", "--port", "8086",
                        "--read-api", "eqiad=http://127.0.0.1:8082", "--read-api", "codfw=http://127.0.0.1:8092"));
        assertThat(stack).hasSize(2 * 7 + 2);
    }

    @Test
    void shouldRefuseARegionNamedTwiceOrBlankSayingHowToNameThem() {
        for (List<String> regions : List.of(List.of("eqiad", "eqiad"), List.of("eqiad", ""), List.of(" "))) {
            assertThatThrownBy(() -> new ProcessUp.Options(regions, 1, new UpFile(Path.of("up.json")),
                    Duration.ofMinutes(1))).isInstanceOf(CliException.class)
                    .hasMessageContaining("for --regions: name each region once");
        }
    }

    @Test
    void shouldRefuseInstancesOutsideOneToNineSayingWhich() {
        for (int instances : new int[] {0, -1, 10}) {
            assertThatThrownBy(() -> new ProcessUp.Options(List.of(), instances, new UpFile(Path.of("up.json")),
                    Duration.ofMinutes(1))).isInstanceOf(CliException.class)
                    .hasMessageContaining("--instances: use 1 to 9");
        }
    }
}
