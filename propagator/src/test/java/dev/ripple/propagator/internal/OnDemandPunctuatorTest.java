package dev.ripple.propagator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.apache.kafka.streams.processor.PunctuationType;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.processor.api.MockProcessorContext.CapturedPunctuator;
import org.junit.jupiter.api.Test;

class OnDemandPunctuatorTest {
    private final MockProcessorContext<String, String> context = new MockProcessorContext<>();
    private final List<Long> fired = new ArrayList<>();

    @Test
    void shouldRunEveryIntervalWhileItHasWorkAndStopUntilWoken() {
        // given work for two firings
        OnDemandPunctuator punctuator = new OnDemandPunctuator(context, Duration.ofMillis(50), now -> {
            fired.add(now);
            return fired.size() < 2;
        });

        // when woken twice, then it is scheduled once, on the wall clock
        punctuator.wake();
        punctuator.wake();
        assertThat(context.scheduledPunctuators()).singleElement().satisfies(p -> {
            assertThat(p.getInterval()).isEqualTo(Duration.ofMillis(50));
            assertThat(p.getType()).isEqualTo(PunctuationType.WALL_CLOCK_TIME);
        });
        CapturedPunctuator first = context.scheduledPunctuators().get(0);

        // when it fires with work left, then it stays; when the work is done, it is cancelled
        first.getPunctuator().punctuate(1_050);
        assertThat(first.cancelled()).isFalse();
        assertThat(punctuator.isScheduled()).isTrue();
        first.getPunctuator().punctuate(1_100);
        assertThat(first.cancelled()).isTrue();
        assertThat(punctuator.isScheduled()).isFalse();

        // when there may be work again, then it is scheduled anew
        punctuator.wake();
        assertThat(context.scheduledPunctuators()).hasSize(2);
        assertThat(context.scheduledPunctuators().get(1).cancelled()).isFalse();
        assertThat(fired).containsExactly(1_050L, 1_100L);
    }
}
