package dev.ripple.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ShutdownHookTest {

    @Test
    void shouldRemoveTheHookWithoutClosingTheTarget() {
        AtomicBoolean closed = new AtomicBoolean();
        ShutdownHook hook = ShutdownHook.install("ripple-test", () -> closed.set(true));

        hook.close();
        hook.close(); // a second removal is harmless

        assertThat(closed).isFalse();
    }
}
