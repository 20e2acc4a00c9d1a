package dev.ripple.bench.scenarios;

import dev.ripple.bench.Progress;
import dev.ripple.cachepurger.CachePurger;
import dev.ripple.cachepurger.PurgeListener;
import dev.ripple.cachepurger.PurgeReceipt;
import dev.ripple.cachepurger.PurgerConfig;
import dev.ripple.cachepurger.PurgerLimits;
import dev.ripple.config.ConfigDocuments;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.PurgeTargetDoc;
import dev.ripple.config.RegionDoc;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.PurgeRecord;
import dev.ripple.events.PurgeRequest;
import dev.ripple.events.RuleRef;
import dev.ripple.events.SourcePosition;
import dev.ripple.events.TopicNames;
import dev.ripple.events.Trace;
import dev.ripple.runtime.lifecycle.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicIntegerArray;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.IntFunction;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.Serializer;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * One round of a purge scenario's Ripple variant: purge requests preloaded on a fresh {@code ripple.purge.<region>},
 * then a {@link CachePurger} (public API only, default limits) with one purge target reads them all; timed from its
 * first acknowledged purge to its last, so group join and start-up are left out (as the cache-purger's own
 * benchmark does).
 */
final class PurgerRun {
    static final int PARTITIONS = 6;
    private static final String SOURCE = "ripple.stream.bench";
    private static final RuleRef RULE = new RuleRef("bench", 1);

    /**
     * @param span first acknowledged purge to the last
     * @param acknowledged distinct purges acknowledged (by receipt key, {@code k<i>})
     * @param duplicates receipts for a key already acknowledged
     * @param deadLettered purges sent to the dead-letter topic
     */
    record Result(Duration span, long acknowledged, long duplicates, long deadLettered) {}

    private PurgerRun() {}

    /** Purge {@code i} has key {@code k<i>}, keys and URLs from {@code keys} and {@code urls}; revision 2. */
    static PurgeRequest request(int i, List<String> keys, List<String> urls) {
        Instant now = Instant.now();
        return new PurgeRequest("k" + i, keys, urls, List.of(), 2L,
                new SourcePosition(SOURCE, i % PARTITIONS, i / PARTITIONS, now), RULE, new Trace(now, now));
    }

    /** Runs a purger of {@code region} with {@code target} over {@code events} purges made by {@code purge}. */
    static Result run(String bootstrap, String region, PurgeTargetDoc target, int events,
            IntFunction<PurgeRequest> purge, Progress progress) throws Exception {
        String topic = TopicNames.defaults().purge(region);
        BenchEvents.createTopics(bootstrap, PARTITIONS, topic);
        preload(bootstrap, topic, events, purge);
        // by purge number (key k<i>): cheap on the purger's I/O thread, where receipts are handed out
        AtomicIntegerArray receipts = new AtomicIntegerArray(events);
        AtomicLong acknowledged = new AtomicLong();
        AtomicLong duplicates = new AtomicLong();
        AtomicLong deadLettered = new AtomicLong();
        CountDownLatch allDone = new CountDownLatch(events);
        AtomicLong first = new AtomicLong();
        AtomicLong last = new AtomicLong();
        try (ConfigStore store = ConfigStore.inMemory()) {
            store.txnRun(txn -> {
                ConfigDocuments.put(txn, RegionDoc.of(region));
                ConfigDocuments.put(txn, target);
            });
            try (ConfigView view = ConfigView.open(store, Clock.systemUTC());
                 CachePurger purger = CachePurger.create(PurgerConfig.defaults(region, bootstrap)
                         .withPartitions(PARTITIONS).withLimits(PurgerLimits.defaults()), view, Clock.systemUTC())) {
                purger.addListener(new PurgeListener() {
                    @Override
                    public void purged(PurgeReceipt receipt) {
                        long now = System.nanoTime();
                        first.compareAndSet(0, now);
                        last.accumulateAndGet(now, Math::max);
                        int i = Integer.parseInt(receipt.key(), 1, receipt.key().length(), 10);
                        if (receipts.getAndIncrement(i) == 0) {
                            acknowledged.incrementAndGet();
                            progress.advance(1);
                            allDone.countDown();
                        } else {
                            duplicates.incrementAndGet();
                        }
                    }

                    @Override
                    public void deadLettered(PurgeRequest request, String reason) {
                        deadLettered.incrementAndGet();
                        allDone.countDown();
                    }
                });
                purger.start();
                long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(10);
                // receipts are counted on the purger's threads; wake now and then only to see it still runs
                boolean finished = false;
                while (!finished && System.nanoTime() < deadline && purger.state() == State.RUNNING) {
                    finished = allDone.await(100, TimeUnit.MILLISECONDS);
                }
            }
        }
        return new Result(Duration.ofNanos(last.get() - first.get()), acknowledged.get(), duplicates.get(),
                deadLettered.get());
    }

    private static void preload(String bootstrap, String topic, int events, IntFunction<PurgeRequest> purge) {
        Serializer<PurgeRecord> serializer = EventSerdes.purgeRecord().serializer();
        try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers", bootstrap,
                "linger.ms", 5, "batch.size", 256 * 1024, "acks", "all"), new StringSerializer(),
                new ByteArraySerializer())) {
            for (int i = 0; i < events; i++) {
                PurgeRequest request = purge.apply(i);
                producer.send(new ProducerRecord<>(topic, request.source().partition(), request.key(),
                        serializer.serialize(topic, request)));
            }
            producer.flush();
        }
    }
}
