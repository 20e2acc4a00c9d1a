package dev.ripple.bench.scenarios;

import dev.ripple.bench.BenchContext;
import dev.ripple.bench.Correctness;
import dev.ripple.bench.CpuMeter;
import dev.ripple.bench.Measurement;
import dev.ripple.bench.Progress;
import dev.ripple.bench.Scenario;
import dev.ripple.consistency.history.CheckReport;
import dev.ripple.consistency.history.History;
import dev.ripple.consistency.history.HistoryChecker;
import dev.ripple.consistency.history.HistoryGenerator;
import java.io.ByteArrayInputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;

/**
 * {@code checker}: operations/s through the history checker on a generated correct run, against only reading the
 * history's JSON (the least any check must do). A correct run must check clean.
 */
final class CheckerScenario implements Scenario {
    static final String READ = "read history JSON";
    static final String CHECK = "read + HistoryChecker";

    @Override
    public String name() {
        return "checker";
    }

    @Override
    public String summary() {
        return "reading a history vs reading and checking it with the HistoryChecker";
    }

    @Override
    public String description() {
        return "Operations/s through the consistency history checker (a generated correct run: sessions, 3 regions, "
                + "6 partitions) vs reading the same history JSON; the check must report no anomaly.";
    }

    @Override
    public Session open(BenchContext context) {
        byte[] json = HistoryGenerator.generate(HistoryGenerator.Config.realistic(context.events(), 42)).toJson()
                .getBytes(StandardCharsets.UTF_8);
        return new Session() {
            @Override
            public List<String> variants() {
                return List.of(READ, CHECK);
            }

            @Override
            public Measurement run(String variant, int round, Progress progress) throws Exception {
                CpuMeter cpu = CpuMeter.start();
                long start = System.nanoTime();
                History history = History.fromJson(new ByteArrayInputStream(json));
                Correctness correctness = Correctness.NOT_CHECKED;
                if (variant.equals(CHECK)) {
                    CheckReport report = HistoryChecker.create().check(history);
                    long anomalies = report.counts().values().stream().mapToLong(Long::longValue).sum();
                    // an anomaly in a correct run is the checker's failure: counted as "reordered"
                    correctness = new Correctness(history.operations().size(), history.operations().size(),
                            anomalies, 0);
                }
                progress.advance(history.operations().size());
                return new Measurement(history.operations().size(), Duration.ofNanos(System.nanoTime() - start),
                        cpu.stop(), null, correctness);
            }

            @Override
            public void close() {
                // nothing held
            }
        };
    }
}
