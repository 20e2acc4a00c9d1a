package dev.ripple.replica.internal;

import static dev.ripple.replica.ReplicaMetricNames.*;

import dev.ripple.replica.RegionPositions;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.Tags;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.LongAdder;
import java.util.stream.Stream;

/** The read API's meters. Reads of unknown regions are counted under region {@code -}. */
final class ReadMetrics extends MeterSet {
    static final List<String> OUTCOMES = List.of("ok", "waited", "redirected", "refused", "not-found", "bad-token",
            "stale-token", "bad-request", "unknown-region", "unavailable");
    private final Map<String, LongAdder> reads = new HashMap<>();
    final Timers waits = timer(READ_WAIT, "How long served reads waited for their region");
    final Timers latency = timer(READ_LATENCY, "Read latency, request to answer");
    final LongAdder waitCapped = counter(READ_WAIT_CAPPED, "wait= values cut down to maxWait", Tags.empty());
    final LongAdder waitersRejected = counter(READ_WAITERS_REJECTED,
            "Reads refused without waiting because maxWaiters reads were waiting", Tags.empty());

    ReadMetrics(Collection<String> regions, RegionPositions board) {
        super(Tags.empty());
        for (String region : concat(regions)) {
            for (String outcome : OUTCOMES) {
                reads.put(region + "|" + outcome, counter(READS, "Read API answers",
                        Tags.of(TAG_REGION, region, TAG_OUTCOME, outcome)));
            }
        }
        onBind(r -> Gauge.builder(READ_WAITERS, board, RegionPositions::waiting)
                .description("Reads waiting for their region now").register(r));
    }

    void read(String region, String outcome) {
        LongAdder adder = reads.get(region + "|" + outcome);
        (adder != null ? adder : reads.get("-|" + outcome)).increment();
    }

    private static List<String> concat(Collection<String> regions) {
        return Stream.concat(regions.stream(), Stream.of("-")).toList();
    }
}
