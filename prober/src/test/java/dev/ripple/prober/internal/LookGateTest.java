package dev.ripple.prober.internal;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Executor;
import org.junit.jupiter.api.Test;

class LookGateTest {
    private final List<Runnable> handedOver = new ArrayList<>();
    private final Executor executor = handedOver::add;
    private final List<String> started = new ArrayList<>();

    @Test
    void shouldStartLooksUpToTheBoundThenHandEachFreedPlaceToTheLookWaitingLongest() {
        LookGate gate = new LookGate(2, executor);

        gate.submit(() -> started.add("a"));
        gate.submit(() -> started.add("b"));
        gate.submit(() -> started.add("c"));
        gate.submit(() -> started.add("d"));

        assertThat(started).containsExactly("a", "b");
        assertThat(gate.underWay()).isEqualTo(2);
        assertThat(gate.waiting()).isEqualTo(2);

        gate.release();
        // the freed place goes to c, started on the executor rather than on the releasing thread
        assertThat(started).containsExactly("a", "b");
        handedOver.remove(0).run();
        assertThat(started).containsExactly("a", "b", "c");
        assertThat(gate.underWay()).isEqualTo(2);

        gate.release();
        handedOver.remove(0).run();
        gate.release();
        gate.release();
        assertThat(started).containsExactly("a", "b", "c", "d");
        assertThat(gate.underWay()).isZero();
        assertThat(handedOver).isEmpty();
    }

    @Test
    void shouldHaveRoomForASampleOnlyWhileNothingWaitsAndAQuarterOfThePlacesAreFree() {
        LookGate gate = new LookGate(8, executor);
        for (int i = 0; i < 6; i++) {
            gate.submit(() -> { });
        }
        assertThat(gate.hasRoom()).as("2 of 8 free").isTrue();
        gate.submit(() -> { });
        assertThat(gate.hasRoom()).as("1 of 8 free").isFalse();
        gate.submit(() -> { });
        gate.submit(() -> { });
        assertThat(gate.waiting()).isEqualTo(1);
        gate.release();
        gate.release();
        assertThat(gate.hasRoom()).as("a look still waits its turn").isFalse();
        handedOver.remove(0).run();
        gate.release();
        assertThat(gate.hasRoom()).isTrue();
        assertThatThrownBy(() -> new LookGate(0, executor)).hasMessageContaining("at least 1");
    }
}
