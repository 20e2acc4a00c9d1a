package dev.ripple.bench.scenarios;

import dev.ripple.bench.BenchContext;
import dev.ripple.bench.CpuMeter;
import dev.ripple.bench.Measurement;
import dev.ripple.bench.Progress;
import dev.ripple.bench.Scenario;
import dev.ripple.cli.up.RippleUp;
import dev.ripple.cli.up.UpEndpoints;
import dev.ripple.cli.up.UpFile;
import dev.ripple.cli.up.UpTuning;
import java.net.http.HttpClient;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Queue;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * {@code e2e}: the whole pipeline of {@code ripple up} (its own broker and Redis; intake, propagator, 3 regions'
 * replica appliers and cache purgers in this JVM). First its <b>saturation</b>: a burst published through the
 * intake as fast as it accepts ({@value #BURST_IN_FLIGHT} requests in flight), and the rate at which events then
 * become done (all of them over the time from the first POST until the last is done). Then rounds at a fixed rate,
 * 50% of that (or {@code --rate}): per event, the time from the start of
 * its intake {@code POST} until it is applied in every region's Redis replica and purged in every region's Redis
 * cache, seen by listeners on the appliers and purgers ({@link E2eRound}); against a raw producer → consumer
 * round trip on the same broker at the same rate. With {@code --sustained}, batches at a stepped rate instead
 * ({@link E2eSustained}).
 */
final class E2eScenario implements Scenario {
    static final String RAW = "raw producer → consumer";
    static final String RIPPLE = "intake → applied and purged in 3 regions";
    static final int BURST_IN_FLIGHT = 32;
    static final int WARM_BURST = 300;
    static final int MIN_BURST = 1000;
    static final long LOSS_DEADLINE_SECONDS = 30;

    @Override
    public String name() {
        return "e2e";
    }

    @Override
    public String summary() {
        return "raw producer → consumer round trip vs intake → applied and purged in 3 regions: saturation, latency "
                + "at 50% of it";
    }

    @Override
    public String description() {
        return "Saturation of ripple up (intake, propagator, 3 regions' replicas and purgers in Redis) from a burst, "
                + "then latency at 50% of it (or --rate) from the intake POST until applied and purged in all 3 "
                + "regions (seen by listeners on the appliers and purgers), vs a raw KafkaProducer → KafkaConsumer "
                + "round trip on the same broker at the same rate; ≤ 1 s is the share within a second.";
    }

    @Override
    public Session open(BenchContext context) throws Exception {
        Path home = Files.createTempDirectory("ripple-bench-e2e");
        UpTuning tuning = UpTuning.fromSystemProperties(context.delivery());
        RippleUp up = new RippleUp(new RippleUp.Options("127.0.0.1", 0, new UpFile(home.resolve("up.json")), null,
                tuning), Clock.systemUTC());
        UpEndpoints endpoints = up.start();
        try {
            E2eTracker tracker = new E2eTracker(up);
            if (context.sustained() != null) {
                return new E2eSustained(context, up, endpoints.http(), tracker);
            }
            E2eLoad load = new E2eLoad(HttpClient.newHttpClient(), endpoints.http(), tracker.regions());
            String loadBefore = loadAverage();
            burst(tracker, load, "warm", WARM_BURST);
            Saturation saturation = burst(tracker, load, "sat", Math.max(MIN_BURST, context.events()));
            int rate = context.rateOr(Math.max(1, (int) Math.round(saturation.overallRate() / 2)));
            return new E2eSession(context, up, endpoints, tracker, load, saturation, rate, loadBefore, tuning);
        } catch (Exception | Error e) {
            up.close();
            throw e;
        }
    }

    /** Publishes {@code events} as fast as the intake takes them and times until every one is done. */
    private static Saturation burst(E2eTracker tracker, E2eLoad load, String tag, int events) throws Exception {
        E2eRound round = tracker.begin("enwiki:E2e_" + tag + "_", events);
        Queue<CompletableFuture<?>> pending = E2eLoad.pending();
        CpuMeter cpu = CpuMeter.start();
        long start = System.nanoTime();
        load.send(round, 0, BURST_IN_FLIGHT, pending);
        long sent = System.nanoTime();
        round.await(sent + TimeUnit.SECONDS.toNanos(LOSS_DEADLINE_SECONDS + events / 100));
        long end = System.nanoTime();
        CpuMeter.Split split = cpu.stop();
        E2eLoad.settle(pending, 10);
        return new Saturation(events, round.completed(), Duration.ofNanos(sent - start), Duration.ofNanos(end - start),
                round.doneTimes(), split, round.correctness());
    }

    static String loadAverage() {
        try {
            String[] f = Files.readString(Path.of("/proc/loadavg")).trim().split("\\s+");
            return f[0] + " " + f[1] + " " + f[2];
        } catch (Exception e) {
            return "unknown";
        }
    }

    /**
     * The saturation burst.
     *
     * @param events published
     * @param done done before the deadline
     * @param publishing from the first POST until the last was sent
     * @param elapsed from the first POST until the last event was done
     * @param doneTimes nano times at which events were done, sorted
     */
    record Saturation(int events, int done, Duration publishing, Duration elapsed, long[] doneTimes,
            CpuMeter.Split cpu, dev.ripple.bench.Correctness correctness) {
        double overallRate() {
            return done / Math.max(1e-9, elapsed.toNanos() / 1e9);
        }

        /**
         * Completions per second between the 10th and the 90th percentile of completion. Not the rate chosen: a
         * backlog drains in large batches (few commits per event), faster than the pipeline keeps up with an open
         * loop (at 50% of this rate the propagator fell behind, 387 events/s at load 13).
         */
        double steadyRate() {
            if (doneTimes.length < 10) {
                return overallRate();
            }
            int from = doneTimes.length / 10;
            int to = doneTimes.length * 9 / 10;
            return (to - from) / Math.max(1e-9, (doneTimes[to] - doneTimes[from]) / 1e9);
        }
    }

    /** The rounds at the chosen rate. */
    private static final class E2eSession implements Session {
        private final BenchContext context;
        private final RippleUp up;
        private final UpEndpoints endpoints;
        private final E2eTracker tracker;
        private final E2eLoad load;
        private final Saturation saturation;
        private final int rate;
        private final String loadBefore;
        private final UpTuning tuning;
        private final E2eStages stages = new E2eStages();
        private final List<Measurement.Latency> raw = new ArrayList<>();
        private final List<Measurement.Latency> ripple = new ArrayList<>();
        private final long[] samples = new long[3]; // reads, stale, not served
        private long coalesced;
        private E2eCommitProbe commitsBefore;

        E2eSession(BenchContext context, RippleUp up, UpEndpoints endpoints, E2eTracker tracker, E2eLoad load,
                Saturation saturation, int rate, String loadBefore, UpTuning tuning) {
            this.context = context;
            this.up = up;
            this.endpoints = endpoints;
            this.tracker = tracker;
            this.load = load;
            this.saturation = saturation;
            this.rate = rate;
            this.loadBefore = loadBefore;
            this.tuning = tuning;
        }

        @Override
        public List<String> variants() {
            return List.of(RAW, RIPPLE);
        }

        @Override
        public Measurement run(String variant, int round, Progress progress) throws Exception {
            CpuMeter cpu = CpuMeter.start();
            long start = System.nanoTime();
            if (variant.equals(RAW)) {
                RawRoundTrip.Result result = RawRoundTrip.run(endpoints.kafka(), "bench.e2e.raw.r" + round,
                        context.events(), rate, progress);
                Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
                if (round > 0) {
                    raw.add(result.latency());
                }
                return new Measurement(context.events(), elapsed, cpu.stop(), result.latency(),
                        result.correctness());
            }
            if (round == 1 && commitsBefore == null) {
                commitsBefore = E2eCommitProbe.read();
            }
            E2eRound events = tracker.begin("enwiki:E2e_r" + round + "_", context.events());
            events.onDone(i -> progress.advance(1));
            Queue<CompletableFuture<?>> pending = E2eLoad.pending();
            load.send(events, rate, Integer.MAX_VALUE, pending);
            events.await(System.nanoTime() + TimeUnit.SECONDS.toNanos(LOSS_DEADLINE_SECONDS));
            Duration elapsed = Duration.ofNanos(System.nanoTime() - start);
            CpuMeter.Split split = cpu.stop();
            E2eLoad.settle(pending, 10);
            Measurement.Latency latency = events.latency();
            if (round > 0) {
                ripple.add(latency);
                events.addStages(stages);
                samples[0] += events.sampleReads.get();
                samples[1] += events.sampleStale.get();
                samples[2] += events.sampleNotServed.get();
                coalesced += events.coalesced();
            }
            return new Measurement(context.events(), elapsed, split, latency, events.correctness());
        }

        @Override
        public String notes() {
            return E2eNotes.markdown(saturation, rate, context.rate() > 0, raw, ripple, stages, samples, coalesced,
                    loadBefore, loadAverage(), tuning) + (commitsBefore == null ? ""
                    : "\n" + E2eCommitProbe.read().minus(commitsBefore).markdown());
        }

        @Override
        public void close() throws Exception {
            try (RippleUp stop = up; E2eLoad http = load) {
                tracker.close();
            }
        }
    }
}
