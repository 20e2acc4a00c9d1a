package dev.ripple.runtime.lifecycle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class StateTest {

    @Test
    void shouldAllowTheDiagramsTransitions() {
        assertThat(State.NEW.isValidTransition(State.STARTING)).isTrue();
        assertThat(State.NEW.isValidTransition(State.STOPPING)).isTrue();
        assertThat(State.STARTING.isValidTransition(State.RUNNING)).isTrue();
        assertThat(State.STARTING.isValidTransition(State.FAILED)).isTrue();
        assertThat(State.RUNNING.isValidTransition(State.STOPPING)).isTrue();
        assertThat(State.RUNNING.isValidTransition(State.FAILED)).isTrue();
        assertThat(State.FAILED.isValidTransition(State.STOPPING)).isTrue();
        assertThat(State.STOPPING.isValidTransition(State.STOPPED)).isTrue();
    }

    @Test
    void shouldRefuseGoingBackOrLeavingStopped() {
        assertThat(State.FAILED.isValidTransition(State.RUNNING)).isFalse();
        assertThat(State.RUNNING.isValidTransition(State.NEW)).isFalse();
        assertThat(State.RUNNING.isValidTransition(State.STARTING)).isFalse();
        assertThat(State.STOPPING.isValidTransition(State.RUNNING)).isFalse();
        assertThat(State.NEW.isValidTransition(State.RUNNING)).isFalse();
        for (State next : State.values()) {
            assertThat(State.STOPPED.isValidTransition(next)).as("STOPPED -> %s", next).isFalse();
            assertThat(next.isValidTransition(next)).as("%s -> %s", next, next).isFalse();
        }
    }

    @Test
    void shouldWalkFromNewToStopped() {
        Lifecycle lifecycle = Lifecycle.of("the applier of eqiad");

        lifecycle.transition(State.NEW, State.STARTING);
        lifecycle.transition(State.STARTING, State.RUNNING);
        State before = lifecycle.to(State.STOPPING);
        lifecycle.transition(State.STOPPING, State.STOPPED);

        assertThat(before).isEqualTo(State.RUNNING);
        assertThat(lifecycle.state()).isEqualTo(State.STOPPED);
    }

    @Test
    void shouldNameBothStatesOfAnIllegalTransition() {
        Lifecycle lifecycle = Lifecycle.running("the purger of codfw");

        assertThatThrownBy(() -> lifecycle.to(State.NEW)).isInstanceOf(IllegalStateException.class)
                .hasMessage("Illegal transition from RUNNING to NEW for the purger of codfw");
        assertThatThrownBy(() -> lifecycle.transition(State.STOPPED, State.RUNNING))
                .isInstanceOf(IllegalStateException.class).hasMessageContaining("from STOPPED to RUNNING");
        assertThat(lifecycle.state()).isEqualTo(State.RUNNING);
    }

    @Test
    void shouldRefuseStartingTwice() {
        Lifecycle lifecycle = Lifecycle.of("the propagator");
        lifecycle.transition(State.NEW, State.STARTING);

        assertThatThrownBy(() -> lifecycle.transition(State.NEW, State.STARTING))
                .isInstanceOf(IllegalStateException.class)
                .hasMessage("Cannot move the propagator from NEW to STARTING: it is STARTING");
    }

    @Test
    void shouldNotFailOnceClosingHasBegun() {
        Lifecycle lifecycle = Lifecycle.running("the tracker");
        lifecycle.to(State.STOPPING);

        State before = lifecycle.toIfLegal(State.FAILED);

        assertThat(before).isEqualTo(State.STOPPING);
        assertThat(lifecycle.state()).isEqualTo(State.STOPPING);
        assertThat(lifecycle.toIfLegal(State.STOPPING)).isEqualTo(State.STOPPING);
    }

    @Test
    void shouldCloseAFailedPart() {
        Lifecycle lifecycle = Lifecycle.running("the feed");
        assertThat(lifecycle.toIfLegal(State.FAILED)).isEqualTo(State.RUNNING);

        assertThat(lifecycle.toIfLegal(State.STOPPING)).isEqualTo(State.FAILED);
        assertThat(lifecycle.state()).isEqualTo(State.STOPPING);
    }
}
