package dev.ripple.bench.scenarios;

import dev.ripple.bench.BenchContext;
import dev.ripple.bench.CpuMeter;
import dev.ripple.bench.Measurement;
import dev.ripple.bench.Progress;
import dev.ripple.bench.Scenario;
import dev.ripple.events.TopicNames;
import dev.ripple.replica.HttpTargetConfig;
import dev.ripple.replica.RedisStoreConfig;
import dev.ripple.replica.ReplicaApplier;
import dev.ripple.replica.ReplicaConfig;
import dev.ripple.replica.ReplicaStore;
import dev.ripple.runtime.lifecycle.State;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.BooleanSupplier;

/**
 * {@code http-sink}: one region's replica applier with one HTTP replica target (one {@code PUT} per record) against
 * a plain KafkaConsumer sending one {@code PUT} per record over 4 persistent connections (what change-propagation
 * does with one POST per event), both to the same local {@link SinkServer}. Two measurements of each: saturation
 * (records preloaded on the region topic; events/s from the first PUT received to the last) and latency at a fixed
 * rate (records produced at {@code --rate}, 500/s by default, for 10 s or {@code --events}, whichever is fewer;
 * from handing a record to the producer until the sink receives its PUT). The sink checks per-key order, loss and
 * duplicates. The applier's replica store is the benchmark's Redis (a durable apply there follows every PUT).
 */
final class HttpSinkScenario implements Scenario {
    static final String RAW = "raw consumer → PUT, 4 connections";
    static final String RIPPLE = "replica applier → HTTP target";
    static final String REGION = "bench";
    private static final int PACED_SECONDS = 10;
    private static final long PROGRESS_MILLIS = 20;
    /** Events/s of the paced rounds when --rate is not given: the rate the issue sets the latency goal at. */
    private static final int PACED_RATE = 500;

    @Override
    public String name() {
        return "http-sink";
    }

    @Override
    public String summary() {
        return "replica applier with an HTTP target vs a raw consumer PUTting each record: saturation, latency at 500/s";
    }

    @Override
    public String description() {
        return "One PUT per replication record to a local HTTP sink: the replica applier (HTTP target, Redis store) vs "
                + "a raw KafkaConsumer sending PUTs over 4 persistent connections; saturation (preloaded, first PUT to "
                + "last) and latency at a fixed rate (produce → sink receives); the sink checks per-key order and loss.";
    }

    @Override
    public Session open(BenchContext context) throws Exception {
        SinkServer sink = new SinkServer();
        String paced = ", " + context.rateOr(PACED_RATE) + "/s";
        List<String> variants = List.of(RAW + ", saturation", RIPPLE + ", saturation", RAW + paced, RIPPLE + paced);
        return new Session() {
            @Override
            public List<String> variants() {
                return variants;
            }

            @Override
            public String baselineOf(String variant) {
                return variants.indexOf(variant) < 2 ? variants.get(0) : variants.get(2);
            }

            @Override
            public int events(String variant, int events) {
                return variants.indexOf(variant) < 2 ? events : pacedEvents(context);
            }

            @Override
            public Measurement run(String variant, int round, Progress progress) throws Exception {
                int index = variants.indexOf(variant);
                boolean ripple = index % 2 == 1;
                return index < 2 ? saturation(context, sink, ripple, index, round, progress)
                        : atRate(context, sink, ripple, index, round, progress);
            }

            @Override
            public void close() {
                sink.close();
            }
        };
    }

    private static Measurement saturation(BenchContext context, SinkServer sink, boolean ripple, int index, int round,
            Progress progress) throws Exception {
        int events = context.events();
        TopicNames topics = topics(context, index, round);
        SinkServer.Round received = sink.expect(events, SinkServer::revision);
        new ReplicaFeed(topics.replicate(REGION)).preload(context.bootstrapServers(), events);
        CpuMeter cpu = CpuMeter.start(SinkServer.THREADS);
        try (Consuming consuming = consume(context, topics, sink.uri().resolve("/s" + index + "r" + round + "/"),
                ripple)) {
            consuming.awaitAll(received, events, Duration.ofMinutes(10), progress);
        }
        return new Measurement(events, Duration.ofNanos(received.spanNanos()), cpu.stop(), null,
                received.correctness());
    }

    private static Measurement atRate(BenchContext context, SinkServer sink, boolean ripple, int index, int round,
            Progress progress) throws Exception {
        int events = pacedEvents(context);
        TopicNames topics = topics(context, index, round);
        SinkServer.Round received = sink.expect(events, SinkServer::revision);
        AtomicLongArray sent = new AtomicLongArray(events);
        CpuMeter cpu = CpuMeter.start(SinkServer.THREADS);
        try (Consuming consuming = consume(context, topics, sink.uri().resolve("/p" + index + "r" + round + "/"),
                ripple)) {
            GroupWait.untilAssigned(context.bootstrapServers(), consuming.group(), ReplicaFeed.PARTITIONS);
            long start = System.nanoTime();
            CompletableFuture<Void> producing = GroupWait.thread("ripple-bench-feed", () -> new ReplicaFeed(
                    topics.replicate(REGION)).paced(context.bootstrapServers(), events, context.rateOr(PACED_RATE), sent));
            consuming.awaitAll(received, events, Duration.ofSeconds(events / context.rateOr(PACED_RATE) + 60), progress);
            producing.join();
            double[] millis = received.millisFrom(sent);
            long last = received.lastArrivalAfter(start);
            return new Measurement(events, Duration.ofNanos(last - start), cpu.stop(), Measurement.Latency.of(millis),
                    received.correctness());
        }
    }

    /** Events of a fixed-rate round: {@value #PACED_SECONDS} s worth, or {@code --events} if fewer. */
    private static int pacedEvents(BenchContext context) {
        return (int) Math.min(context.events(), (long) context.rateOr(PACED_RATE) * PACED_SECONDS);
    }

    private static TopicNames topics(BenchContext context, int index, int round) throws Exception {
        return topics(context, "bh" + index + "r" + round);
    }

    /** The topics named {@code prefix}, with the region topic of {@link #REGION} created. */
    static TopicNames topics(BenchContext context, String prefix) throws Exception {
        TopicNames topics = new TopicNames(prefix);
        BenchEvents.createTopics(context.bootstrapServers(), ReplicaFeed.PARTITIONS, topics.replicate(REGION));
        return topics;
    }

    /** Starts the applier (Ripple) or the raw consumer, sending to {@code base}. */
    static Consuming consume(BenchContext context, TopicNames topics, URI base, boolean ripple) {
        String group = topics.prefix() + ".consumer";
        if (ripple) {
            ReplicaStore store = ReplicaStore.redis(REGION, RedisStoreConfig.defaults(context.redisUri())
                    .withKeyPrefix(topics.prefix()));
            ReplicaApplier applier = ReplicaApplier.create(ReplicaConfig.defaults(REGION, context.bootstrapServers())
                    .withTopics(topics).withGroupId(group).withPartitions(ReplicaFeed.PARTITIONS)
                    .withHttpTargets(List.of(base), HttpTargetConfig.defaults()), store, Clock.systemUTC());
            applier.start();
            return new Consuming(group, () -> applier.state() == State.FAILED, () -> {
                applier.close();
                store.close();
            });
        }
        AtomicBoolean stop = new AtomicBoolean();
        CompletableFuture<Void> raw = GroupWait.thread("ripple-bench-raw-consumer", () -> {
            try {
                RawPutter.run(context.bootstrapServers(), topics.replicate(REGION), group, base, stop::get);
            } catch (Exception e) {
                throw new IllegalStateException("The raw consumer failed: " + e.getMessage(), e);
            }
        });
        return new Consuming(group, raw::isDone, () -> {
            stop.set(true);
            raw.join();
        });
    }

    /** A running consumer of either kind, whether it has given up, and how to stop it. */
    record Consuming(String group, BooleanSupplier failed, Runnable stop) implements AutoCloseable {
        void awaitAll(SinkServer.Round received, int events, Duration timeout, Progress progress)
                throws InterruptedException {
            long deadline = System.nanoTime() + timeout.toNanos();
            long reported = 0;
            boolean all = false;
            while (!all && System.nanoTime() < deadline && !failed.getAsBoolean()) {
                all = received.awaitAll(PROGRESS_MILLIS); // a slow round ends at its deadline, counting what is missing
                long now = received.delivered();
                progress.advance(now - reported);
                reported = now;
            }
            progress.advance(received.delivered() - reported);
        }

        @Override
        public void close() {
            stop.run();
        }
    }
}
