package dev.ripple.bench.scenarios;

import dev.ripple.bench.Measurement;
import dev.ripple.bench.Report;
import dev.ripple.cli.up.UpTuning;
import java.util.List;

/** The Markdown that {@code e2e} prints under its table: saturation, rate, stages, samples, goals. */
final class E2eNotes {
    private E2eNotes() {}

    static String markdown(E2eScenario.Saturation saturation, int rate, boolean rateGiven,
            List<Measurement.Latency> raw, List<Measurement.Latency> ripple, E2eStages stages, long[] samples,
            long coalesced, String loadBefore, String loadAfter, UpTuning tuning) {
        StringBuilder md = new StringBuilder();
        md.append(String.format("**Saturation** (burst of %,d events, %d POSTs in flight): %,.0f events/s sustained "
                        + "(%,d done in %.1f s from the first POST; publishing took %.1f s); %,.0f events/s between "
                        + "the 10th and 90th percentile of completions (a backlog drains faster than an open loop "
                        + "keeps up); CPU s / 1k events %.3f + %.3f (Ripple + broker); lost %d, reordered %d, "
                        + "duplicates %d.%n%n",
                saturation.events(), E2eScenario.BURST_IN_FLIGHT, saturation.overallRate(),
                saturation.done(), saturation.elapsed().toMillis() / 1e3, saturation.publishing().toMillis() / 1e3,
                saturation.steadyRate(),
                saturation.cpu().ripple() * 1000 / Math.max(1, saturation.done()),
                saturation.cpu().broker() * 1000 / Math.max(1, saturation.done()), saturation.correctness().lost(),
                saturation.correctness().reordered(), saturation.correctness().duplicates()));
        md.append(String.format("**Rate of the rounds**: %,d events/s (%s).%n%n", rate, rateGiven ? "--rate"
                : "50% of the sustained saturation rate"));
        md.append(String.format("**Settings** (UpTuning): %s delivery, propagator commits every %d ms, consumers' "
                + "fetch.max.wait.ms %d, intake linger.ms %d.%n%n", tuning.delivery(),
                tuning.propagatorCommitInterval().toMillis(),
                tuning.consumerFetchMaxWait().toMillis(), tuning.intakeLinger().toMillis()));
        md.append(String.format("**Load average** (1, 5, 15 min): %s before the saturation burst, %s after the "
                + "last round.%n%n", loadBefore, loadAfter));
        md.append("**Latency by stage** (Ripple rounds, every done event; medians over events, not rounds):\n\n")
                .append(stages.markdown()).append('\n');
        md.append(String.format("**Read-your-writes sample** (every %dth event read once with its session token in "
                + "one region, waiting up to 5 s): %,d reads, %,d served older than the write (counted as "
                + "reordered), %,d not served. Purges that covered a coalesced earlier purge of their key: %,d.%n%n",
                E2eLoad.SAMPLE_EVERY, samples[0], samples[1], samples[2], coalesced));
        if (!raw.isEmpty() && !ripple.isEmpty()) {
            double rawP99 = Report.median(raw.stream().mapToDouble(Measurement.Latency::p99).toArray());
            double p99 = Report.median(ripple.stream().mapToDouble(Measurement.Latency::p99).toArray());
            double within = Report.median(ripple.stream().mapToDouble(Measurement.Latency::withinSecond).toArray());
            md.append("**Goals** (issue 11):\n\n| goal | measured | status |\n|---|---|---|\n");
            md.append(String.format("| p99 ≤ 3× the raw round trip's p99 at the same rate | %.1f ms vs %.1f ms = "
                    + "%.1f× | %s |%n", p99, rawP99, p99 / Math.max(1e-9, rawP99),
                    p99 <= 3 * rawP99 ? "met" : "**missed**"));
            md.append(String.format("| ≥ 99.99%% applied and purged in every region within 1 s | %.2f%% | %s |%n",
                    100 * within, within >= 0.9999 ? "met" : "**missed**"));
        }
        return md.toString();
    }
}
