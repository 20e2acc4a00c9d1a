package dev.ripple.bench.idle;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * What {@code ripple bench idle} measured: an idle {@code ripple up} beside its baseline over the same window.
 *
 * @param when when the window started, ISO-8601 UTC
 * @param warmupS seconds idle before the window
 * @param durationS length of the window, s
 * @param loadBefore {@code /proc/loadavg}'s three load averages as the window started
 * @param loadAfter the same as it ended
 * @param up the {@code ripple up} process (its redis-server as its child)
 * @param baseline the broker and Redis started bare
 * @param goalPct the goal for what Ripple adds, % of one core
 * @param jfr the flight recording of {@code up} over the window, or null
 */
record IdleReport(String when, long warmupS, long durationS, String loadBefore, String loadAfter, IdleSide up,
        IdleSide baseline, double goalPct, String jfr) {
    private static final ObjectMapper JSON = new ObjectMapper()
            .enable(SerializationFeature.INDENT_OUTPUT);

    /** What Ripple adds to the broker and Redis, % of one core. */
    public double addedPct() {
        return up.totalPct() - baseline.totalPct();
    }

    /** What Ripple adds without the JIT compiler threads of either JVM, % of one core. */
    public double addedWithoutJitPct() {
        return up.withoutJitPct() - baseline.withoutJitPct();
    }

    String markdown() {
        StringBuilder md = new StringBuilder();
        md.append("## ripple bench idle\n\n").append(when).append(": idle for ").append(warmupS)
                .append(" s, then measured over ").append(durationS).append(" s; load average ").append(loadBefore)
                .append(" before, ").append(loadAfter).append(" after.");
        if (jfr != null) {
            md.append(" Flight recording (its own cost included in `ripple up`'s figures): ").append(jfr).append('.');
        }
        md.append("\n\n| process | JVM, % of a core | of which JIT | redis-server | total | total without JIT "
                + "| threads |\n|---|---|---|---|---|---|---|\n");
        row(md, up.name(), up.jvmPct(), up.jitPct(), up.childPct(), up.totalPct(), up.withoutJitPct(), up.threads());
        row(md, baseline.name(), baseline.jvmPct(), baseline.jitPct(), baseline.childPct(), baseline.totalPct(),
                baseline.withoutJitPct(), baseline.threads());
        row(md, "**Ripple adds**", up.jvmPct() - baseline.jvmPct(), up.jitPct() - baseline.jitPct(),
                up.childPct() - baseline.childPct(), addedPct(), addedWithoutJitPct(),
                up.threads() - baseline.threads());
        md.append(String.format(Locale.ROOT, "%nGoal: Ripple adds ≤ %.0f%% of a core: **%s** (%.2f%%; %.2f%% without "
                + "the JIT compiling what the idle process runs).%n", goalPct, addedPct() <= goalPct ? "met"
                : "missed", addedPct(), addedWithoutJitPct()));
        busiest(md, up);
        busiest(md, baseline);
        return md.toString();
    }

    private static void row(StringBuilder md, String name, double jvm, double jit, double child, double total,
            double withoutJit, int threads) {
        md.append(String.format(Locale.ROOT, "| %s | %.2f | %.2f | %.2f | %.2f | %.2f | %d |%n", name, jvm, jit, child,
                total, withoutJit, threads));
    }

    private static void busiest(StringBuilder md, IdleSide side) {
        md.append("\nBusiest threads of ").append(side.name()).append(" (the kernel's names, at most 15 characters, "
                + "digits folded to #):\n\n| thread | count | % of a core |\n|---|---|---|\n");
        for (IdleSide.ThreadGroupCpu group : side.busiest()) {
            md.append(String.format(Locale.ROOT, "| `%s` | %d | %.2f |%n", group.name(), group.count(), group.pct()));
        }
    }

    /** Writes {@code idle-<time>.md} and {@code .json} under {@code dir}; returns the Markdown file. */
    Path write(Path dir) throws IOException {
        Files.createDirectories(dir);
        String base = "idle-" + when.replace(':', '-');
        Path md = dir.resolve(base + ".md");
        Files.writeString(md, markdown());
        JSON.writeValue(dir.resolve(base + ".json").toFile(), this);
        return md;
    }
}
