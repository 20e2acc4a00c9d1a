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
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.UUID;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The rebuilds of one applier's partitions whose store lost its data (DESIGN.md 7.1): each begins a new generation
 * in the store (the partition refuses live applies and reads), applies the latest state of every key from the
 * {@link RebuildSource} at the configured rate, version-gated, with a cursor so a rebuild cut short resumes, then
 * ends it (the position rises to what was covered and to what the lost data had claimed) and hands the partition
 * back to the loop. One rebuild runs at a time, on a thread of its own; the state is kept on the loop thread.
 */
final class RegionRebuilds implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(RegionRebuilds.class);
    private static final long STORE_WAIT_MS = 30_000;
    private static final Duration POLL = Duration.ofMillis(200);
    private static final Duration RETRY = Duration.ofSeconds(1);

    private final String region;
    private final RebuildConfig config;
    private final int maxBatch;
    private final ReplicaStore store;
    private final Clock clock;
    private final ApplierMetrics metrics;
    private final Consumer<Runnable> handBack;
    private final RateLimit limit;
    private final ScheduledExecutorService worker;
    /** Loop thread: partitions out of service, and their rebuild. */
    private final Map<Integer, Future<?>> running = new TreeMap<>();

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
        this.worker = Executors.newSingleThreadScheduledExecutor(runnable -> {
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
        metrics.rebuilding.set(running.size() + 1L);
        Map<TopicPartitionKey, Long> kept = Map.copyOf(claim);
        running.put(partition, worker.submit(() -> rebuild(partition, generation, kept)));
    }

    /** Stops the rebuilds of partitions no longer owned: their next owner resumes them. Loop thread. */
    void cancel(Collection<Integer> partitions) {
        for (int partition : partitions) {
            Future<?> task = running.remove(partition);
            if (task != null) {
                task.cancel(true);
            }
        }
        metrics.rebuilding.set(running.size());
    }

    private void rebuild(int partition, String generation, Map<TopicPartitionKey, Long> claim) {
        long start = clock.millis();
        try {
            await(store.beginRebuild(partition, generation, claim));
            // a resumed rebuild goes on from its cursor
            Map<String, Long> from = await(store.position(partition)).cursor();
            long applied = 0;
            long nextLog = start + config.progressInterval().toMillis();
            try (RebuildSource.Scan scan = config.source().open(region, partition, from)) {
                while (!Thread.currentThread().isInterrupted()) {
                    List<ReplicationRecord> records = scan.poll(POLL);
                    if (records.isEmpty() && scan.done()) {
                        break;
                    }
                    for (int i = 0; i < records.size(); i += maxBatch) {
                        List<ReplicationRecord> chunk = records.subList(i, Math.min(records.size(), i + maxBatch));
                        limit.acquire(chunk.size());
                        boolean last = i + maxBatch >= records.size();
                        List<AppliedEntry> entries = await(store.rebuild(partition, generation, chunk,
                                last ? scan.cursor() : Map.of()));
                        applied += entries.stream().filter(e -> e.outcome() == AppliedEntry.Outcome.APPLIED)
                                .count();
                        metrics.rebuilt.add(chunk.size());
                    }
                    metrics.rebuildRemaining.set(Math.max(0, scan.total() - scan.read()));
                    long now = clock.millis();
                    if (now >= nextLog) {
                        nextLog = now + config.progressInterval().toMillis();
                        logProgress(partition, scan, start, now);
                    }
                }
                if (Thread.currentThread().isInterrupted()) {
                    return;
                }
                StoredPosition position = await(store.endRebuild(partition, generation, scan.covered()));
                long took = Math.max(1, clock.millis() - start);
                metrics.rebuildRemaining.set(0);
                if (scan.read() > 0 || !claim.isEmpty()) {
                    log.info("Region {} partition {}: rebuilt from {} latest-state records ({} applied) in {} ms ({} "
                            + "records/s); serving again at {}", region, partition, scan.read(), applied, took,
                            scan.read() * 1000 / took, position.offsets());
                }
                handBack.accept(() -> finished(partition, position));
            }
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        } catch (Exception e) {
            if (Thread.currentThread().isInterrupted()) {
                return;
            }
            log.warn("Region {} partition {}: the rebuild failed ({}); it is tried again in {} s, resuming where it "
                    + "stopped", region, partition, e.toString(), RETRY.toSeconds());
            Future<?> next = worker.schedule(() -> rebuild(partition, generation, claim), RETRY.toMillis(),
                    TimeUnit.MILLISECONDS);
            handBack.accept(() -> {
                if (running.replace(partition, next) == null) {
                    next.cancel(true);
                }
            });
        }
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

    private void finished(int partition, StoredPosition position) {
        if (running.remove(partition) != null) {
            metrics.rebuilding.set(running.size());
            done.rebuilt(partition, position);
        }
    }

    private static <T> T await(CompletionStage<T> stage) throws Exception {
        return stage.toCompletableFuture().get(STORE_WAIT_MS, TimeUnit.MILLISECONDS);
    }

    @Override
    public void close() {
        running.values().forEach(task -> task.cancel(true));
        running.clear();
        worker.shutdownNow();
    }
}
