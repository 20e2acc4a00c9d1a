package dev.ripple.bench.idle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.tuple;
import static org.assertj.core.api.Assertions.within;

import java.util.Map;
import org.junit.jupiter.api.Test;

class IdleSideTest {
    private static ProcStat.ThreadTicks thread(String name, long ticks) {
        return new ProcStat.ThreadTicks(name, ticks);
    }

    @Test
    void shouldTurnTicksIntoPercentOfACoreAndGroupThreadsByNameWithDigitsFolded() {
        ProcStat start = new ProcStat(1_000, 50, Map.of(1L, thread("C2 CompilerThre", 400),
                2L, thread("ripple-replica-1", 10), 3L, thread("ripple-replica-2", 10)));
        // over 10 s: the JVM used 300 ticks (3 s), its redis-server 10, the JIT 100; thread 4 started inside
        ProcStat end = new ProcStat(1_300, 60, Map.of(1L, thread("C2 CompilerThre", 500),
                2L, thread("ripple-replica-1", 30), 3L, thread("ripple-replica-2", 40), 4L, thread("C1 CompilerThre",
                        20)));

        IdleSide side = IdleSide.between("up", start, end, 10);

        assertThat(side.jvmPct()).isCloseTo(30, within(1e-9));
        assertThat(side.childPct()).isCloseTo(1, within(1e-9));
        assertThat(side.jitPct()).isCloseTo(12, within(1e-9));
        assertThat(side.withoutJitPct()).isCloseTo(19, within(1e-9));
        assertThat(side.threads()).isEqualTo(4);
        assertThat(side.busiest()).extracting(IdleSide.ThreadGroupCpu::name, IdleSide.ThreadGroupCpu::count)
                .containsExactly(tuple("C# CompilerThre", 2), tuple("ripple-replica-#", 2));
        assertThat(side.busiest().get(0).pct()).isCloseTo(12, within(1e-9));
        assertThat(side.busiest().get(1).pct()).isCloseTo(5, within(1e-9));
    }

    @Test
    void shouldReadThisProcessFromProc() {
        ProcStat self = ProcStat.of(ProcessHandle.current().pid());

        assertThat(self.processTicks()).isPositive();
        assertThat(self.threads()).hasSizeGreaterThan(1);
        assertThat(self.threads().values()).extracting(ProcStat.ThreadTicks::name).anyMatch(n -> n.startsWith("C"));
    }
}
