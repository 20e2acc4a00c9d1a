package dev.ripple.cli.up;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class UpFileTest {

    @Test
    void shouldLiveUnderDotRippleInTheWorkingDirectoryUnlessRippleHomeIsSet() {
        Path cwd = Path.of("/srv/app");
        assertThat(UpFile.locate(Map.of(), cwd).path()).isEqualTo(Path.of("/srv/app/.ripple/up.json"));
        assertThat(UpFile.locate(Map.of("RIPPLE_HOME", "/var/ripple"), cwd).path())
                .isEqualTo(Path.of("/var/ripple/up.json"));
    }

    @Test
    void shouldTreatAFileWhoseProcessIsGoneAsNotRunning(@TempDir Path dir) throws Exception {
        // given a file left by a process that has exited
        Process exited = new ProcessBuilder("true").start();
        exited.waitFor();
        UpFile file = new UpFile(dir.resolve("up.json"));
        file.write(new UpEndpoints("http://127.0.0.1:8080", "127.0.0.1:9092", "redis://127.0.0.1:6379", null,
                exited.pid()));

        // then it is read back but not reported as running
        assertThat(file.read()).isPresent();
        assertThat(file.running()).isEmpty();
    }

    @Test
    void shouldReportThisProcessAsRunningAndOnlyDeleteItsOwnFile(@TempDir Path dir) {
        UpFile file = new UpFile(dir.resolve("up.json"));
        long self = ProcessHandle.current().pid();
        file.write(new UpEndpoints("http://127.0.0.1:8080", "127.0.0.1:9092", "redis://127.0.0.1:6379", null, self));
        assertThat(file.running()).map(UpEndpoints::pid).contains(self);

        file.deleteIfOwnedBy(self + 1);
        assertThat(file.path()).exists();
        file.deleteIfOwnedBy(self);
        assertThat(file.path()).doesNotExist();
    }
}
