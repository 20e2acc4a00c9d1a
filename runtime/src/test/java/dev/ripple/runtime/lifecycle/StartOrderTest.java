package dev.ripple.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

class StartOrderTest {
    private final List<String> events = new ArrayList<>();

    @Test
    void shouldStartInOrderAndCloseInReverse() {
        try (StartOrder parts = new StartOrder("test")) {
            parts.open(closeable("broker", false));
            parts.start(part("applier", false, false));
            parts.start(part("purger", false, false));
        }

        assertThat(events).containsExactly("start applier", "start purger", "close purger", "close applier",
                "close broker");
    }

    @Test
    void shouldCloseEveryPartEvenIfOneFailsToClose() {
        StartOrder parts = new StartOrder("test");
        parts.open(closeable("broker", false));
        parts.start(part("applier", false, true));
        parts.start(part("purger", false, true));

        assertThatThrownBy(parts::close).isInstanceOf(LifecycleException.class)
                .hasMessage("test did not close cleanly")
                .satisfies(e -> assertThat(e.getSuppressed()).hasSize(2));
        assertThat(events).containsExactly("start applier", "start purger", "close purger", "close applier",
                "close broker");
    }

    @Test
    void shouldCloseWhatStartedWhenAPartFailsToStart() {
        StartOrder parts = new StartOrder("test");
        parts.open(closeable("broker", false));

        assertThatThrownBy(() -> parts.start(part("applier", true, false)))
                .isInstanceOf(IllegalStateException.class).hasMessage("applier would not start");
        assertThat(events).containsExactly("start applier", "close applier", "close broker");

        parts.close();
        assertThat(events).hasSize(3);
    }

    @Test
    void shouldAddCloseFailuresToTheFailureThatAborts() {
        StartOrder parts = new StartOrder("test");
        parts.open(closeable("broker", true));
        parts.start(part("applier", false, false));
        RuntimeException failure = new RuntimeException("read API would not bind");

        parts.abort(failure);

        assertThat(events).containsExactly("start applier", "close applier", "close broker");
        assertThat(failure.getSuppressed()).extracting(Throwable::getMessage).containsExactly("broker would not close");
    }

    private AutoCloseable closeable(String name, boolean failClose) {
        return () -> {
            events.add("close " + name);
            if (failClose) {
                throw new IllegalStateException(name + " would not close");
            }
        };
    }

    private Startable part(String name, boolean failStart, boolean failClose) {
        return new Startable() {
            @Override
            public void start() {
                events.add("start " + name);
                if (failStart) {
                    throw new IllegalStateException(name + " would not start");
                }
            }

            @Override
            public void close() throws Exception {
                closeable(name, failClose).close();
            }
        };
    }
}
