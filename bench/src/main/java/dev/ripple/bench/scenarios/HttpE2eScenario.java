package dev.ripple.bench.scenarios;

import dev.ripple.bench.BenchContext;
import dev.ripple.bench.CpuMeter;
import dev.ripple.bench.Measurement;
import dev.ripple.bench.Progress;
import dev.ripple.bench.Scenario;
import dev.ripple.cli.up.UpTuning;
import dev.ripple.events.TopicNames;
import dev.ripple.propagator.Delivery;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.concurrent.atomic.AtomicReference;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * {@code http-e2e}: the side-by-side of issue 26. The whole Ripple path, from the intake to one region whose
 * {@code http_replicas} is a local {@link SinkServer} ({@link SinkRegionUp}: {@code ripple up} on the benchmark's
 * broker and Redis), with events POSTed in batches of {@value #BATCH} over {@value #BATCH_LANES} connections or one
 * per POST over {@value #SINGLE_LANES}, each connection owning its keys ({@link PostLanes}); against the raw path
 * on the same broker: a KafkaProducer writes the records ({@link ReplicaFeed}), a KafkaConsumer reads them and
 * PUTs each to the same sink ({@link RawPutter}). Each under two loads: a <b>blast</b> of {@code --events} events
 * as fast as they go (delivered/s from the first send until the sink has the last) and {@code --events} at a
 * fixed {@code --rate} (500/s by default, open loop; ms from when an event was due until the sink received it).
 * CPU per event is the JVM's less the broker, the load generator and the sink. The sink checks per-key order, loss
 * and duplicates; the notes print the table with its goals.
 */
final class HttpE2eScenario implements Scenario {
    static final String RAW = "raw producer → consumer → PUT";
    static final String BATCHES = "intake, batches of 100 → region → PUT";
    static final String SINGLE = "intake, one event per POST → region → PUT";
    static final int BATCH = 100;
    /** Connections of the batches: one batch in flight on each. */
    static final int BATCH_LANES = 4;
    /** Connections of one event per POST: each sends the next event once the last is answered (or due). */
    static final int SINGLE_LANES = 20;
    private static final int DEFAULT_RATE = 500;
    /** Thread groups the notes show per subject. */
    private static final int THREAD_GROUPS = 12;
    private static final String BODY = "x".repeat(110);
    /** The load generator's and the sink's threads: neither the subject's nor the broker's CPU. */
    private static final Pattern NOT_SUBJECT = Pattern.compile("HttpClient-lane-.*|HttpClient-bench-.*|"
            + SinkServer.THREADS.pattern());

    @Override
    public String name() {
        return "http-e2e";
    }

    @Override
    public String summary() {
        return "raw producer → consumer → PUT vs intake → region → PUT to a local sink: blast, latency at 500/s";
    }

    @Override
    public String description() {
        return "Issue 26's side-by-side: events POSTed to ripple up's intake (batches of 100, or one per POST) until "
                + "one region's http_replicas PUTs them to a local sink, vs a raw KafkaProducer → KafkaConsumer → PUT "
                + "to the same sink on the same broker; a blast (delivered/s from the first send to the last "
                + "arrival) and --events at --rate (default 500/s, from due to received); the sink checks per-key "
                + "order and loss.";
    }

    @Override
    public Session open(BenchContext context) throws Exception {
        SinkServer sink = new SinkServer();
        try {
            UpTuning tuning = UpTuning.fromSystemProperties(context.delivery());
            String loadBefore = E2eScenario.loadAverage();
            SinkRegionUp up = SinkRegionUp.start(context, sink.uri(), tuning);
            return new HttpE2eSession(context, sink, up, tuning, loadBefore);
        } catch (Exception | Error e) {
            sink.close();
            throw e;
        }
    }

    /** The rounds, and what they add up to. */
    private static final class HttpE2eSession implements Session {
        private final BenchContext context;
        private final SinkServer sink;
        private final SinkRegionUp up;
        private final UpTuning tuning;
        private final String loadBefore;
        private final int rate;
        private final List<String> subjects = List.of(RAW, BATCHES, SINGLE);
        private final List<String> variants;
        private final SideBySide table;
        private final ThreadCpuTable threadCpu = new ThreadCpuTable();
        private final Map<Integer, Long> notCreated = new TreeMap<>();
        /** Per events per POST, the percentiles of each measured round at the rate from due to the intake's answer. */
        private final Map<Integer, List<SideBySide.Percentiles>> intakeAnswers = new TreeMap<>();
        /** Per events per POST, the propagator's commits over the measured rounds at the rate. */
        private final Map<Integer, E2eCommitProbe> commitsAtRate = new TreeMap<>();

        HttpE2eSession(BenchContext context, SinkServer sink, SinkRegionUp up, UpTuning tuning, String loadBefore) {
            this.context = context;
            this.sink = sink;
            this.up = up;
            this.tuning = tuning;
            this.loadBefore = loadBefore;
            this.rate = context.rateOr(DEFAULT_RATE);
            this.variants = Stream.concat(subjects.stream().map(s -> s + ", blast"),
                    subjects.stream().map(s -> s + ", " + rate + "/s")).toList();
            this.table = new SideBySide(subjects, rate);
        }

        @Override
        public List<String> variants() {
            return variants;
        }

        @Override
        public String baselineOf(String variant) {
            return variants.indexOf(variant) < subjects.size() ? variants.get(0) : variants.get(subjects.size());
        }

        @Override
        public Measurement run(String variant, int round, Progress progress) throws Exception {
            int index = variants.indexOf(variant);
            boolean blast = index < subjects.size();
            String subject = subjects.get(index % subjects.size());
            String tag = "he" + index + "r" + round;
            Outcome outcome = subject.equals(RAW) ? raw(tag, blast, progress)
                    : ripple(tag, subject.equals(BATCHES) ? BATCH : 1, blast, round, progress);
            Measurement m = outcome.measurement();
            if (round > 0) {
                SideBySide.Round row = new SideBySide.Round(m.rate(), m.cpu().ripple() * 1000 / m.events(),
                        m.cpu().broker() * 1000 / m.events(), m.cpu().jit() * 1000 / m.events(),
                        blast ? null : SideBySide.Percentiles.of(outcome.millis()));
                if (blast) {
                    table.blast(subject, row);
                } else {
                    table.paced(subject, row);
                }
                threadCpu.add(subject, blast, outcome.threads(), m.events());
            }
            return m;
        }

        /** The raw path: the consumer runs and holds its partitions before the producer writes the first record. */
        private Outcome raw(String tag, boolean blast, Progress progress) throws Exception {
            int events = context.events();
            TopicNames topics = HttpSinkScenario.topics(context, tag);
            String base = "/" + tag + "/";
            SinkServer.Round received = sink.expect(events, SinkServer.revisionUnder(base));
            AtomicLongArray sent = new AtomicLongArray(events);
            try (HttpSinkScenario.Consuming consuming = HttpSinkScenario.consume(context, topics,
                    sink.uri().resolve(base), false)) {
                GroupWait.untilAssigned(context.bootstrapServers(), consuming.group(), ReplicaFeed.PARTITIONS);
                ReplicaFeed feed = new ReplicaFeed(topics.replicate(HttpSinkScenario.REGION));
                CpuMeter cpu = CpuMeter.start(NOT_SUBJECT);
                long start = System.nanoTime();
                CompletableFuture<Void> producing = GroupWait.thread("ripple-bench-feed", () -> {
                    if (blast) {
                        feed.preload(context.bootstrapServers(), events);
                    } else {
                        feed.paced(context.bootstrapServers(), events, rate, sent);
                    }
                });
                consuming.awaitAll(received, events, timeout(blast), progress);
                producing.join();
                CpuMeter.Split split = cpu.stop();
                return Outcome.of(received, sent, start, split, cpu.threadGroups(), blast);
            }
        }

        /** Ripple's path: the lanes POST to the intake, the region's applier PUTs to the sink. */
        private Outcome ripple(String tag, int batch, boolean blast, int round, Progress progress)
                throws Exception {
            int events = context.events();
            String prefix = tag + "-"; // no character URL encoding changes: the sink's path starts with it as is
            SinkServer.Round received = sink.expect(events, SinkServer.revisionUnder(SinkRegionUp.PATH + "/"
                    + prefix));
            List<List<PostLanes.Body>> lanes = PostLanes.byKey(events, batch > 1 ? BATCH_LANES : SINGLE_LANES,
                    batch, at -> json(prefix, at, batch > 1));
            AtomicLongArray sent = new AtomicLongArray(events);
            AtomicLongArray answered = new AtomicLongArray(events);
            PostLanes.Pacing pacing = new PostLanes.Pacing(blast ? 0 : (double) rate / batch,
                    (body, nanoTime) -> body.indices().forEach(i -> sent.set(i, nanoTime)));
            AtomicReference<PostLanes.Answers> answers = new AtomicReference<>();
            E2eCommitProbe commitsBefore = E2eCommitProbe.read();
            CpuMeter cpu = CpuMeter.start(NOT_SUBJECT);
            long start = System.nanoTime();
            CompletableFuture<Void> posting = GroupWait.thread("HttpClient-bench-posting", () -> {
                try {
                    answers.set(PostLanes.post(up.intake(), lanes, pacing, (body, status, nanoTime) -> body.indices()
                            .forEach(i -> answered.set(i, nanoTime))));
                } catch (Exception e) {
                    throw new IllegalStateException("The lanes failed: " + e.getMessage(), e);
                }
            });
            new HttpSinkScenario.Consuming("ripple up", up::failed, () -> { })
                    .awaitAll(received, events, timeout(blast), progress);
            posting.join();
            CpuMeter.Split split = cpu.stop();
            answers.get().statuses().forEach((status, n) -> {
                if (status != 201) {
                    notCreated.merge(status, n.sum(), Long::sum);
                }
            });
            if (!blast && round > 0) {
                double[] millis = new double[events];
                for (int i = 0; i < events; i++) {
                    millis[i] = answered.get(i) == 0 ? Double.POSITIVE_INFINITY : (answered.get(i) - sent.get(i)) / 1e6;
                }
                intakeAnswers.computeIfAbsent(batch, b -> new ArrayList<>()).add(SideBySide.Percentiles.of(millis));
                commitsAtRate.merge(batch, E2eCommitProbe.read().minus(commitsBefore), E2eCommitProbe::plus);
            }
            return Outcome.of(received, sent, start, split, cpu.threadGroups(), blast);
        }

        private Duration timeout(boolean blast) {
            int events = context.events();
            return Duration.ofSeconds(60 + (blast ? events / 100 : events / rate));
        }

        private static byte[] json(String prefix, List<Integer> indices, boolean array) {
            StringBuilder json = new StringBuilder(indices.size() * 200).append(array ? "[" : "");
            for (int j = 0; j < indices.size(); j++) {
                int i = indices.get(j);
                json.append(j == 0 ? "" : ",").append("{\"meta\": {\"stream\": \"edits\", \"domain\": "
                        + "\"en.example.org\"}, \"key\": \"").append(prefix).append(i % BenchEvents.KEYS)
                        .append("\", \"revision\": ").append(i).append(", \"content_type\": \"text/plain\", "
                        + "\"body\": \"").append(BODY).append("\"}");
            }
            return json.append(array ? "]" : "").toString().getBytes(StandardCharsets.UTF_8);
        }

        @Override
        public String notes() {
            double[] goal = tuning.delivery() == Delivery.EXACTLY_ONCE ? new double[] {10, 100} : new double[] {3, 30};
            return String.format("**Side by side** (issue 26; medians over the measured rounds; CPU ms per event: the "
                    + "JVM less the in-process broker, the load generator and the sink; the raw rows' CPU includes "
                    + "the idle ripple up running beside them; \"JIT\": of it, the JIT compiler threads, a fresh JVM's warm-up that "
                    + "a paced round pays far more of per event than a blast):%n%n")
                    + table.markdown(goal)
                    + String.format("%n**Settings**: %s delivery, propagator commits every %d ms, consumers' "
                            + "fetch.max.wait.ms %d, intake linger.ms %d; batches of %d over %d connections, one "
                            + "event per POST over %d; %,d events per round.%n%n", tuning.delivery(),
                    tuning.propagatorCommitInterval().toMillis(), tuning.consumerFetchMaxWait().toMillis(),
                    tuning.intakeLinger().toMillis(), BATCH, BATCH_LANES, SINGLE_LANES, context.events())
                    + String.format("**Intake answers other than 201** (all rounds): %s.%n%n",
                    notCreated.isEmpty() ? "none" : notCreated)
                    + intakeAnswers()
                    + threadCpu()
                    + String.format("**Load average** (1, 5, 15 min): %s before ripple up started, %s after the last "
                            + "round.%n", loadBefore, E2eScenario.loadAverage());
        }

        /** Per subject, which threads pay more per event at the rate than in the blast. */
        private String threadCpu() {
            StringBuilder md = new StringBuilder(String.format("**CPU per event by thread** (Java threads of this "
                    + "JVM, the broker's included, the load generator's not; names alike but for their numbers are one "
                    + "group; summed over the measured rounds), the %d costliest at %,d/s:%n%n", THREAD_GROUPS, rate));
            subjects.forEach(subject -> md.append(threadCpu.markdown(subject, rate, THREAD_GROUPS)).append('\n'));
            return md.toString();
        }

        /**
         * What part of the latency at the rate is the intake's (from due until it answered), and what the
         * propagator's commits took meanwhile.
         */
        private String intakeAnswers() {
            StringBuilder md = new StringBuilder();
            intakeAnswers.forEach((batch, rounds) -> {
                SideBySide.Percentiles p = SideBySide.Percentiles.median(rounds);
                md.append(String.format("**Intake's answer at %,d/s**, %s: from due to answered, p50 / p90 / p99 / "
                        + "p99.9 %.1f / %.1f / %.1f / %.1f ms (medians over rounds); over those rounds the propagator "
                        + "committed %,.0f times, each on average flushing / sending offsets / committing %s ms.%n%n",
                        rate,
                        batch == 1 ? "one event per POST" : "batches of " + batch, p.p50(), p.p90(), p.p99(),
                        p.p999(), commitsAtRate.get(batch).commits(), commitsAtRate.get(batch).stepsMillis()));
            });
            return md.toString();
        }

        @Override
        public void close() {
            try (SinkServer stop = sink) {
                up.close();
            }
        }
    }

    /** A round's measurement, and each event's ms from sent to received (infinite: never received). */
    private record Outcome(Measurement measurement, double[] millis, Map<String, Double> threads) {
        static Outcome of(SinkServer.Round received, AtomicLongArray sent, long start, CpuMeter.Split cpu,
                Map<String, Double> threads, boolean blast) {
            double[] millis = received.millisFrom(sent);
            long last = received.lastArrivalAfter(start);
            long delivered = received.delivered();
            long end = delivered == 0 ? System.nanoTime() : last; // nothing arrived: the round took until now
            return new Outcome(new Measurement(Math.max(1, delivered), Duration.ofNanos(end - start), cpu,
                    blast ? null : Measurement.Latency.of(millis.clone()), received.correctness()), millis, threads);
        }
    }
}
