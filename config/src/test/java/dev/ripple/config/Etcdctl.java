package dev.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/** Runs Debian's {@code etcdctl} (API v3) against a test etcd, as an operator would. */
final class Etcdctl {
    private static final String BINARY = "/usr/bin/etcdctl";

    private Etcdctl() {}

    /** {@code etcdctl put key value}; fails the test if etcdctl does not answer OK within 10 s. */
    static void put(String endpoint, String key, String value) {
        String out = run(endpoint, "put", key, value);
        assertThat(out.trim()).isEqualTo("OK");
    }

    static String run(String endpoint, String... args) {
        List<String> command = new ArrayList<>(List.of(BINARY, "--endpoints=" + endpoint));
        command.addAll(List.of(args));
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().put("ETCDCTL_API", "3");
        try {
            Process process = builder.start();
            if (!process.waitFor(10, TimeUnit.SECONDS)) {
                process.destroyForcibly();
                throw new AssertionError("etcdctl " + String.join(" ", args) + " did not finish within 10 s");
            }
            String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            assertThat(process.exitValue()).as("etcdctl exit code; output: %s", out).isZero();
            return out;
        } catch (IOException e) {
            throw new AssertionError("Could not run " + BINARY + " (apt-get install etcd-client)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("Interrupted running etcdctl", e);
        }
    }
}
