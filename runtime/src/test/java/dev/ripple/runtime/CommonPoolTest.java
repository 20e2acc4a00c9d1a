package dev.ripple.runtime;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** In a JVM of its own that sees two cores, as on the machines Ripple is tested on. */
class CommonPoolTest {

    /** The child JVM: writes to {@code args[0]} the thread an asynchronous step with no executor runs on. */
    public static void main(String[] args) throws Exception {
        if (args.length > 1 && args[1].equals("ensure")) {
            CommonPool.ensureParallel();
        }
        Files.writeString(Path.of(args[0]), CompletableFuture.supplyAsync(() -> Thread.currentThread().getName())
                .get());
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
        Path answer = Files.createTempFile("common-pool", ".txt");
        command.addAll(List.of("-cp", System.getProperty("java.class.path"), CommonPoolTest.class.getName(),
                answer.toString()));
        for (String arg : args) {
            if (!arg.startsWith("-D")) {
                command.add(arg);
            }
        }
        Process process = new ProcessBuilder(command).inheritIO().start();
        try {
            assertThat(process.waitFor(30, TimeUnit.SECONDS)).isTrue();
            return Files.readString(answer).trim();
        } finally {
            Files.deleteIfExists(answer);
        }
    }
}
