package dev.ripple.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** In a JVM of its own that sees two cores, as on the machines Ripple is tested on. */
class CommonPoolTest {

    /** The child JVM: where an asynchronous step with no executor runs. */
    public static void main(String[] args) throws Exception {
        if (args.length > 0 && args[0].equals("ensure")) {
            CommonPool.ensureParallel();
        }
        System.out.print(CompletableFuture.supplyAsync(() -> Thread.currentThread().getName()).get());
    }

    @Test
    void shouldRunAsynchronousStepsOnThePoolRatherThanANewThreadEachOnTwoCores() throws Exception {
        assertThat(child()).as("the JDK's default on two cores: a thread per step").startsWith("Thread-");
        assertThat(child("ensure")).startsWith("ForkJoinPool.commonPool-worker-");
        assertThat(child("ensure", "-D" + CommonPool.PARALLELISM + "=1")).as("an operator's setting is kept")
                .startsWith("Thread-");
    }

    private static String child(String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of(Path.of(System.getProperty("java.home"), "bin", "java")
                .toString(), "-XX:ActiveProcessorCount=2"));
        for (String arg : args) {
            if (arg.startsWith("-D")) {
                command.add(arg);
            }
        }
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CommonPoolTest.class.getName()));
        for (String arg : args) {
            if (!arg.startsWith("-D")) {
                command.add(arg);
            }
        }
        Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
        return new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
    }
}
