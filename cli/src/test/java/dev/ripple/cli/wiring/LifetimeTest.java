package dev.ripple.cli.wiring;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.cli.CliException;
import dev.ripple.runtime.server.Readiness;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Function;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/** How every long-running command starts, stops and closes its parts. */
class LifetimeTest {
    private final List<String> closed = new ArrayList<>();
    private final StringWriter out = new StringWriter();

    @Test
    void shouldCloseEveryPartInReverseStartOrderEvenIfOneFailsToClose() throws Exception {
        // given a command whose three parts started, the middle one failing as it closes
        Lifetime lifetime = new Lifetime("ripple test", new PrintWriter(out, true));
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> run(lifetime, group -> {
            group.track(() -> closed.add("store"));
            group.add(part("broken", () -> {
                closed.add("broken");
                throw new IllegalStateException("boom");
            }, Optional::empty));
            group.add(part("server", () -> closed.add("server"), Optional::empty));
            return "ripple test: ready";
        }));

        // when it is stopped as Ctrl-C stops it, twice
        awaitOutput("ripple test: ready");
        lifetime.stop();
        lifetime.stop();

        // then it exits 0 having closed each once, newest first
        assertThat(running.get(10, TimeUnit.SECONDS)).isZero();
        assertThat(closed).containsExactly("server", "broken", "store");
        assertThat(out.toString()).contains("ripple test: stopping…", "ripple test: stopped.");
    }

    @Test
    void shouldCloseWhatStartedAndSayWhyWhenStartupFails() {
        Lifetime lifetime = new Lifetime("ripple test", new PrintWriter(out, true));

        assertThatThrownBy(() -> lifetime.run(group -> {
            group.add(part("config", () -> closed.add("config"), Optional::empty));
            throw new IllegalStateException("Kafka said no", new RuntimeException("no JAAS entry"));
        }, "stopped")).isInstanceOf(CliException.class)
                .hasMessage("ripple test could not start: Kafka said no (cause: no JAAS entry)");
        assertThat(closed).containsExactly("config");
    }

    @Test
    void shouldStopWithTheMessageOfAPartThatBecameFatal() {
        AtomicReference<Optional<String>> fatal = new AtomicReference<>(Optional.empty());
        Lifetime lifetime = new Lifetime("ripple test", new PrintWriter(out, true));
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> run(lifetime, group -> {
            group.add(part("propagator", () -> closed.add("propagator"), fatal::get));
            return "ripple test: ready";
        }));
        awaitOutput("ripple test: ready");

        fatal.set(Optional.of("the propagator stopped"));

        assertThat(running).failsWithin(10, TimeUnit.SECONDS).withThrowableThat()
                .withCauseInstanceOf(CliException.class).withMessageContaining("the propagator stopped");
        assertThat(closed).containsExactly("propagator");
    }

    private static int run(Lifetime lifetime, Function<PartGroup, String> startup) {
        try {
            return lifetime.run(startup, "ripple test: stopped.");
        } catch (InterruptedException e) {
            throw new IllegalStateException(e);
        }
    }

    private void awaitOutput(String line) {
        org.awaitility.Awaitility.await().atMost(java.time.Duration.ofSeconds(10))
                .until(() -> out.toString().contains(line));
    }

    private static Part part(String name, AutoCloseable close, Supplier<Optional<String>> fatal) {
        Part inner = Part.of(name, List.of(new Readiness.Part(name, Readiness.NO_REGION, Optional::empty)), close);
        return new Part() {
            @Override
            public List<Readiness.Part> readiness() {
                return inner.readiness();
            }

            @Override
            public Optional<String> fatal() {
                return fatal.get();
            }

            @Override
            public String summary() {
                return name;
            }

            @Override
            public void close() {
                inner.close();
            }
        };
    }
}
