package dev.ripple.replica.internal;

import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.replica.AppliedEntry;
import dev.ripple.replica.RebuildConfig;
import dev.ripple.replica.RebuildSource;
import dev.ripple.replica.ReplicaStore;
import dev.ripple.replica.StoredPosition;
import dev.ripple.runtime.RateLimit;
import java.time.Clock;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentSkipListMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rebuilds of one applier's partitions whose store lost its data (DESIGN.md 7.1): each begins a new generation
 * in the store (the partition refuses live applies and reads), applies the latest state of every key from the
 * {@link RebuildSource} at the configured rate, version-gated, with a cursor so a rebuild cut short resumes, then
 * ends it (the position rises to what was covered and to what the lost data had claimed) and hands the partition
 * back to the loop. Up to {@value #PARALLEL} partitions are rebuilt at once, on threads of their own, sharing the rate
 * limit; the state is kept on the loop thread.
 */
final class RegionRebuilds implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RegionRebuilds.class);
    private static final long STORE_WAIT_MS = 30_000;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(1);
    private static final Duration MAX_RETRY = Duration.ofSeconds(30);
    /** Partitions rebuilt at once: opening a partition's scan costs a few round trips, so they overlap. */
    private static final int PARALLEL = 3;

    private final String region;
    private final RebuildConfig config;
    private final int maxBatch;
    private final ReplicaStore store;
    private final Clock clock;
    private final ApplierMetrics metrics;
    private final Consumer<Runnable> handBack;
    private final RateLimit limit;
    private final ScheduledExecutorService worker;
    /** Partitions out of service, and their rebuild: changed on the loop thread, read by rebuild threads too. */
    private final Map<Integer, Task> running = new ConcurrentSkipListMap<>();

    /**
     * One partition's rebuild: stopped by its flag, not by an interrupt, so the Kafka and Redis clients it uses are
     * never cut off mid-call (an interrupted consumer fails its close).
     */
    private record Task(boolean fill, AtomicBoolean stop, AtomicReference<Future<?>> future, AtomicLong remaining,
            AtomicLong failures) {
        void cancel() {
            stop.set(true);
            Future<?> current = future.get();
            if (current != null) {
                current.cancel(false);
            }
        }
    }

    /** What a finished rebuild hands back: the partition and the position it now holds. */
    interface Done {
        void rebuilt(int partition, StoredPosition position);
    }

    private final Done done;

    RegionRebuilds(String region, RebuildConfig config, int maxBatch, ReplicaStore store, Clock clock,
            ApplierMetrics metrics, Consumer<Runnable> handBack, Done done) {
        this.region = region;
        this.config = config;
        this.store = store;
        this.clock = clock;
        this.metrics = metrics;
        this.handBack = handBack;
        this.done = done;
        this.maxBatch = maxBatch;
        this.limit = RateLimit.perSecond("ripple-rebuild-" + region, config.recordsPerSecond());
        this.worker = Executors.newScheduledThreadPool(PARALLEL, runnable -> {
            Thread thread = new Thread(runnable, "ripple-replica-rebuild-" + region);
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Whether {@code partition} is out of service (lost, queued or being rebuilt). Loop thread. */
    boolean rebuilding(int partition) {
        return running.containsKey(partition);
    }

    /** The partitions out of service. Loop thread. */
    Set<Integer> partitions() {
        return new TreeSet<>(running.keySet());
    }

    /**
     * Takes {@code partition} out of service and queues its rebuild, unless it is already. Loop thread.
     *
     * @param stored what the store holds now (a rebuild it shows running is resumed), or null if unknown
     * @param claim the position the applier had for this partition: reached again when the rebuild ends
     * @param why what was found, for the log; empty for a partition that never held anything (a new region)
     */
    void start(int partition, StoredPosition stored, Map<TopicPartitionKey, Long> claim, String why) {
        if (running.containsKey(partition)) {
            return;
        }
        boolean resume = stored != null && stored.status() == StoredPosition.Status.REBUILDING
                && stored.generation() != null;
        String generation = resume ? stored.generation() : UUID.randomUUID().toString();
        if (resume) {
            log.info("Region {} partition {}: resuming the rebuild of generation {}", region, partition, generation);
        } else if (why.isEmpty()) {
            log.debug("Region {} partition {}: the store holds nothing yet; filling it from the latest state before "
                    + "serving", region, partition);
        } else {
            metrics.storeLosses.increment();
            log.warn("Region {} partition {}: {}. It is out of service (reads refused, /readyz false) and rebuilt "
                    + "from the latest state as generation {}", region, partition, why, generation);
        }
        Task task = new Task(why.isEmpty() && !resume, new AtomicBoolean(), new AtomicReference<>(),
                new AtomicLong(), new AtomicLong());
        running.put(partition, task);
        gauges();
        Map<TopicPartitionKey, Long> kept = Map.copyOf(claim);
        task.future().set(worker.submit(() -> rebuild(task, partition, generation, kept)));
    }

    /** Stops the rebuilds of partitions no longer owned: their next owner resumes them. Loop thread. */
    void cancel(Collection<Integer> partitions) {
        for (int partition : partitions) {
            Task task = running.remove(partition);
            if (task != null) {
                task.cancel();
            }
        }
        gauges();
    }

    private void rebuild(Task task, int partition, String generation, Map<TopicPartitionKey, Long> claim) {
        if (task.stop().get()) {
            return;
        }
        long start = clock.millis();
        try {
            await(store.beginRebuild(partition, generation, claim));
            // a resumed rebuild goes on from its cursor
            Map<String, Long> from = await(store.position(partition)).cursor();
            long read;
            long applied = 0;
            StoredPosition position;
            try (RebuildSource.Scan scan = config.source().open(region, partition, from)) {
                long nextLog = start + config.progressInterval().toMillis();
                while (!task.stop().get()) {
                    List<ReplicationRecord> records = scan.poll(POLL);
                    if (records.isEmpty() && scan.done()) {
                        break;
                    }
                    for (int i = 0; i < records.size() && !task.stop().get(); i += maxBatch) {
                        List<ReplicationRecord> chunk = records.subList(i, Math.min(records.size(), i + maxBatch));
                        limit.acquire(chunk.size());
                        boolean last = i + maxBatch >= records.size();
                        List<AppliedEntry> entries = await(store.rebuild(partition, generation, chunk,
                                last ? scan.cursor() : Map.of()));
                        applied += entries.stream().filter(e -> e.outcome() == AppliedEntry.Outcome.APPLIED)
                                .count();
                        metrics.rebuilt.add(chunk.size());
                    }
                    task.remaining().set(Math.max(0, scan.total() - scan.read()));
                    gauges();
                    long now = clock.millis();
                    if (now >= nextLog) {
                        nextLog = now + config.progressInterval().toMillis();
                        logProgress(partition, scan, start, now);
                    }
                }
                if (task.stop().get()) {
                    return;
                }
                position = await(store.endRebuild(partition, generation, scan.covered(),
                        config.source().restores()));
                read = scan.read();
            }
            long took = Math.max(1, clock.millis() - start);
            task.remaining().set(0);
            if (!config.source().restores() && !claim.isEmpty()) {
                log.warn("Region {} partition {}: there is no latest state to rebuild from (no config store, so no "
                        + "rules), so it serves again without what was lost, and claims only what it applies from "
                        + "now on. Start it with --etcd to rebuild, or run 'ripple replay --region {} --since <when "
                        + "it was lost>'.", region, partition, region);
            }
            if (read > 0 || !claim.isEmpty()) {
                log.info("Region {} partition {}: rebuilt from {} latest-state records ({} applied) in {} ms ({} "
                        + "records/s); serving again at {}", region, partition, read, applied, took,
                        read * 1000 / took, position.offsets());
            }
            handBack.accept(() -> finished(task, partition, position));
        } catch (Throwable e) { // an Error too: the partition must not stay out of service without a word
            if (e instanceof InterruptedException) {
                Thread.interrupted();
            }
            if (task.stop().get()) {
                return;
            }
            long failures = task.failures().incrementAndGet();
            Duration wait = RETRY.multipliedBy(1L << Math.min(5, failures - 1));
            wait = wait.compareTo(MAX_RETRY) > 0 ? MAX_RETRY : wait;
            log.warn("Region {} partition {}: the rebuild failed ({}); it is tried again in {} s, resuming where it "
                    + "stopped", region, partition, e.toString(), wait.toSeconds());
            task.future().set(worker.schedule(() -> rebuild(task, partition, generation, claim), wait.toMillis(),
                    TimeUnit.MILLISECONDS));
        }
    }

    /** Partitions lost (not new ones being filled), and the records the running rebuilds have still to read. */
    private void gauges() {
        metrics.rebuilding.set(running.values().stream().filter(t -> !t.fill()).count());
        metrics.rebuildRemaining.set(running.values().stream().mapToLong(t -> t.remaining().get()).sum());
    }

    private void logProgress(int partition, RebuildSource.Scan scan, long start, long now) {
        long read = scan.read();
        long total = Math.max(read, scan.total());
        long rate = read * 1000 / Math.max(1, now - start);
        long eta = rate == 0 ? -1 : (total - read) / rate;
        log.info("Region {} partition {}: rebuilding, {} of about {} latest-state records ({}%), {} records/s{}",
                region, partition, read, total, total == 0 ? 100 : read * 100 / total, rate,
                eta < 0 ? "" : ", about " + eta + " s left");
    }

    private void finished(Task task, int partition, StoredPosition position) {
        if (running.remove(partition, task)) {
            gauges();
            done.rebuilt(partition, position);
        }
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(STORE_WAIT_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        running.values().forEach(Task::cancel);
        running.clear();
        worker.shutdown();
    }
}
