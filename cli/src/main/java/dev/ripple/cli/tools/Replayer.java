package dev.ripple.cli.tools;

import dev.ripple.cli.CliException;
import dev.ripple.events.RegionRecord;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.TopicNames;
import dev.ripple.events.codec.FastJson;
import dev.ripple.propagator.LatestRouting;
import dev.ripple.runtime.RateLimit;
import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import dev.ripple.runtime.latest.LatestEntry;
import dev.ripple.runtime.latest.LatestStateScan;
import dev.ripple.runtime.latest.LatestWindow;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * {@code ripple replay}'s work: scans the latest-state topics of the streams, keeps the selected entries (each key
 * once where the topic still holds older versions, see {@link LatestWindow}), routes each
 * for one region with the rules in force ({@link LatestRouting}) and sends the records to the region's replicate
 * topic in the entry's source partition, idempotently and at most {@code rate} records a second. The region's
 * applier applies them version-gated, so a key it holds at that dot or newer does not change. Not thread-safe.
 */
final class Replayer {
    /** How long the scan may go without reading anything before it is reported as stuck. */
    private static final Duration STALL = Duration.ofSeconds(60);
    /** Bounds of the window that drops older versions of a key met again soon (see {@link LatestWindow}). */
    private static final int WINDOW_ENTRIES = 10_000;
    private static final long WINDOW_BYTES = 64L << 20;

    /**
     * @param region the region to send to
     * @param selection the keys to send
     * @param rate at most this many records a second; above 0
     * @param dryRun count what would be sent, send nothing
     */
    record Plan(String region, ReplaySelection selection, double rate, boolean dryRun) {}

    /**
     * What a run did.
     *
     * @param scanned latest-state records read
     * @param matched entries the selection kept, older versions of a key dropped
     * @param superseded older versions of a key dropped (met again within the window), selected or not
     * @param sent records Kafka acknowledged (or, in a dry run, would have been sent)
     * @param notRouted matched entries the rules do not replicate to the region
     * @param templateFailures of those, entries a matching rule's template failed on
     * @param skipped unreadable latest-state records
     * @param took how long it ran
     */
    record Summary(long scanned, long matched, long superseded, long sent, long notRouted, long templateFailures, long skipped,
            Duration took) {}

    private final KafkaSettings kafka;
    private final TopicNames topics;
    private final Collection<String> streams;
    private final LatestRouting routing;
    private final Clock clock;
    private final ReplayProgress progress;

    Replayer(KafkaSettings kafka, TopicNames topics, Collection<String> streams, LatestRouting routing, Clock clock,
            ReplayProgress progress) {
        this.kafka = kafka;
        this.topics = topics;
        this.streams = streams;
        this.routing = routing;
        this.clock = clock;
        this.progress = progress;
    }

    /** @throws CliException if Kafka refuses a record or the scan stops advancing; what was sent stays sent */
    Summary run(Plan plan) {
        LatestWindow window = new LatestWindow(WINDOW_ENTRIES, WINDOW_BYTES);
        try (LatestStateScan scan = LatestStateScan.openAll(kafka, topics, streams);
                Producer<String, RegionRecord> producer = plan.dryRun() ? null : KafkaClients.idempotentProducer(
                        kafka, "replay", Map.of("linger.ms", 5), new StringSerializer(), FastJson.regionRecord())) {
            Sending sending = new Sending(plan, producer, scan);
            Stall stall = new Stall(scan);
            while (!scan.done()) {
                // the window comes first: a time window selects a key by its newest version, not an older one
                for (LatestEntry entry : scan.poll(Duration.ofMillis(200))) {
                    window.offer(entry).forEach(sending::send);
                }
                sending.progress(0);
                stall.check(scan);
            }
            List<LatestEntry> held = window.drain();
            for (int i = 0; i < held.size(); i++) {
                sending.send(held.get(i));
                sending.progress(held.size() - i - 1);
            }
            sending.finish();
            return new Summary(scan.read(), sending.matched, window.superseded(), sending.sent(), sending.notRouted,
                    routing.templateFailures(), scan.skipped(), progress.elapsed());
        }
    }

    /** Selects, routes and sends (or, in a dry run, counts) the entries let out of the window. */
    private final class Sending {
        private final Plan plan;
        private final String topic;
        private final Producer<String, RegionRecord> producer;
        private final RateLimit limit;
        private final LatestStateScan scan;
        private final AtomicLong acknowledged = new AtomicLong();
        private final AtomicReference<Exception> failure = new AtomicReference<>();
        private long matched;
        private long notRouted;
        private long routed;

        Sending(Plan plan, Producer<String, RegionRecord> producer, LatestStateScan scan) {
            this.plan = plan;
            this.scan = scan;
            this.topic = topics.replicate(plan.region());
            this.producer = producer;
            this.limit = RateLimit.perSecond("ripple-replay", plan.rate());
        }

        void send(LatestEntry entry) {
            if (!plan.selection().matches(entry)) {
                return;
            }
            matched++;
            Optional<ReplicationRecord> record = routing.route(plan.region(), entry);
            if (record.isEmpty()) {
                notRouted++;
                return;
            }
            routed++;
            if (producer == null) {
                return;
            }
            try {
                limit.acquire(1);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new CliException("Replay interrupted after " + acknowledged.get() + " records were sent; run the "
                        + "same command again to finish (what was sent is applied once).", 1, e);
            }
            throwIfFailed();
            producer.send(new ProducerRecord<>(topic, entry.source().partition(), entry.key(), record.get()),
                    (metadata, e) -> {
                        if (e == null) {
                            acknowledged.incrementAndGet();
                        } else {
                            failure.compareAndSet(null, e);
                        }
                    });
        }

        /** Updates the progress line, {@code held} entries still to go after the scan. */
        void progress(long held) {
            progress.update(scan.read(), scan.total(), sent(), held, plan.dryRun() ? 0 : plan.rate());
        }

        /** Sent and acknowledged so far (in a dry run: would have been sent). */
        long sent() {
            return producer == null ? routed : acknowledged.get();
        }

        void finish() {
            if (producer != null) {
                producer.flush();
                throwIfFailed();
            }
        }

        private void throwIfFailed() {
            Exception e = failure.get();
            if (e != null) {
                throw new CliException("Kafka refused a record for " + topic + " (" + e.getMessage() + ") after "
                        + acknowledged.get() + " were sent. Fix the cause and run the same command again: what "
                        + "was sent is applied once (the applier's version gate), so a second run changes nothing "
                        + "twice.", 1, e);
            }
        }
    }

    /** Notices a scan that stopped advancing short of its end (it would otherwise wait forever). */
    private final class Stall {
        private Map<TopicPartition, Long> at;
        private Instant since;

        Stall(LatestStateScan scan) {
            this.at = scan.next();
            this.since = clock.instant();
        }

        void check(LatestStateScan scan) {
            Map<TopicPartition, Long> now = scan.next();
            if (!now.equals(at)) {
                at = now;
                since = clock.instant();
            } else if (Duration.between(since, clock.instant()).compareTo(STALL) > 0) {
                throw new CliException("The scan of the latest-state topics has not advanced for " + STALL.toSeconds()
                        + " s, short of their end (" + now + "). Check that Kafka is reachable and the topics are "
                        + "readable, then run the command again.");
            }
        }
    }
}
