package dev.ripple.replica.internal;

import dev.ripple.consistency.Position;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.events.RegionRecord;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.TopicNames;
import dev.ripple.replica.AppliedEntry;
import dev.ripple.replica.ObjectRead;
import dev.ripple.replica.RedisStoreConfig;
import dev.ripple.replica.ReplicaStore;
import dev.ripple.replica.ReplicaStoreException;
import dev.ripple.replica.StoreLostException;
import dev.ripple.replica.StoredPosition;
import dev.ripple.runtime.redis.LuaScript;
import dev.ripple.runtime.redis.RedisResources;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** {@link ReplicaStore} on Redis with Lettuce: one connection, commands pipelined, one Lua script per apply. */
public final class RedisReplicaStore implements ReplicaStore {
    private static final Logger log = LoggerFactory.getLogger(RedisReplicaStore.class);
    private static final String LOST = "RIPPLE_LOST";

    private final String region;
    private final RedisStoreConfig config;
    private final RedisKeys layout;
    private final RedisResources.Lease resources;
    private final RedisClient client;
    private final StatefulRedisConnection<String, String> connection;
    private final RedisAsyncCommands<String, String> commands;
    private final LuaScript applyScript;
    private final LuaScript readScript;
    private final LuaScript rebuildScript;
    /** Per partition, the generation this handle writes to; absent until its first apply or {@link #claim}. */
    private final Map<Integer, String> generations = new ConcurrentHashMap<>();
    /**
     * Per partition, what this handle has applied (or found at its claim) per source {@code topic:partition}, in
     * {@link #expectedEpoch}: a live apply to a hash that holds less lost data.
     */
    private final Map<Integer, Map<String, Long>> applied = new ConcurrentHashMap<>();
    private volatile long expectedEpoch = -1;
    private final AtomicBoolean closed = new AtomicBoolean();

    private RedisReplicaStore(String region, RedisStoreConfig config, RedisResources.Lease resources,
            RedisClient client, StatefulRedisConnection<String, String> connection) {
        this.resources = resources;
        this.region = region;
        this.config = config;
        this.layout = new RedisKeys(config.keyPrefix(), region);
        this.client = client;
        this.connection = connection;
        this.commands = connection.async();
        this.applyScript = LuaScript.resource(RedisReplicaStore.class, "apply.lua");
        this.readScript = LuaScript.resource(RedisReplicaStore.class, "read.lua");
        this.rebuildScript = LuaScript.resource(RedisReplicaStore.class, "rebuild.lua");
    }

    /**
     * Connects to Redis.
     *
     * @throws ReplicaStoreException if Redis cannot be reached
     */
    public static RedisReplicaStore open(String region, RedisStoreConfig config) {
        TopicNames.requireName("region", region);
        RedisURI uri = RedisURI.create(config.uri());
        uri.setTimeout(config.timeout());
        RedisResources.Lease resources = RedisResources.acquire();
        RedisClient client = RedisClient.create(resources.resources(), uri);
        client.setOptions(ClientOptions.builder()
                .timeoutOptions(TimeoutOptions.enabled(config.timeout()))
                .build());
        try {
            RedisReplicaStore store = new RedisReplicaStore(region, config, resources, client, client.connect());
            log.info("Replica store of region {} connected to {}", region, uri.getHost() + ":" + uri.getPort());
            return store;
        } catch (RedisException e) {
            client.shutdown();
            resources.close();
            throw new ReplicaStoreException("Could not connect the replica store of region " + region + " to "
                    + uri.getHost() + ":" + uri.getPort() + ": " + e.getMessage() + ". Is Redis running there?",
                    true, e);
        }
    }

    @Override
    public String region() {
        return region;
    }

    @Override
    public CompletionStage<List<AppliedEntry>> apply(List<RegionRecord> records) {
        int partition = records.isEmpty() ? -1 : records.get(0).source().partition();
        String held = generations.get(partition);
        long epoch = config.epoch().current();
        ApplyArgs args = ApplyArgs.of(layout, epoch, held == null ? ApplyArgs.Mode.FIRST : ApplyArgs.Mode.LIVE,
                held == null ? fresh() : held, records, held == null ? Map.of() : expected(partition, epoch, records));
        return run(args, records, held == null).thenApply(entries -> {
            remember(partition, epoch, records);
            return entries;
        });
    }

    /** What the hash must still hold of the source partitions in {@code records}: what this handle applied there. */
    private Map<String, Long> expected(int partition, long epoch, List<RegionRecord> records) {
        Map<String, Long> known = epoch == expectedEpoch ? applied.get(partition) : null;
        if (known == null) {
            return Map.of();
        }
        Map<String, Long> expected = new TreeMap<>();
        for (RegionRecord record : records) {
            String field = record.source().topic() + ":" + partition;
            Long offset = known.get(field);
            if (offset != null) {
                expected.put(field, offset);
            }
        }
        return expected;
    }

    private void remember(int partition, long epoch, List<? extends RegionRecord> records) {
        if (epoch != expectedEpoch) {
            applied.clear();
            expectedEpoch = epoch;
        }
        Map<String, Long> known = applied.computeIfAbsent(partition, p -> new ConcurrentHashMap<>());
        for (RegionRecord record : records) {
            known.merge(record.source().topic() + ":" + partition, record.source().offset(), Math::max);
        }
    }

    private void remember(int partition, long epoch, Position position) {
        if (epoch != expectedEpoch) {
            applied.clear();
            expectedEpoch = epoch;
        }
        Map<String, Long> known = new ConcurrentHashMap<>();
        position.offsets().forEach((entry, offset) -> known.put(entry.toString(), offset));
        applied.put(partition, known);
    }

    @Override
    public CompletionStage<List<AppliedEntry>> rebuild(int partition, String generation,
            List<ReplicationRecord> records, Map<String, Long> cursor) {
        ApplyArgs args = ApplyArgs.of(layout, config.epoch().current(), ApplyArgs.Mode.REBUILD, generation, records,
                cursor);
        if (args.partition() != partition) {
            throw new IllegalArgumentException("Rebuilt records of partition " + args.partition() + " are not of "
                    + "partition " + partition);
        }
        return run(args, records, false);
    }

    private CompletionStage<List<AppliedEntry>> run(ApplyArgs args, List<? extends RegionRecord> records,
            boolean learn) {
        return applyScript.<List<Object>>run(commands, ScriptOutputType.MULTI, args.keys(), args.argv())
                .handle((reply, error) -> {
                    if (error != null) {
                        throw failure(args.partition(), "apply " + records.size() + " records to partition "
                                + args.partition(), error);
                    }
                    if (learn) {
                        generations.putIfAbsent(args.partition(), String.valueOf(reply.get(reply.size() - 1)));
                    }
                    return entries(records, reply);
                });
    }

    @Override
    public void claim(int partition, String generation, Position holds) {
        generations.put(partition, Objects.requireNonNull(generation, "generation"));
        remember(partition, config.epoch().current(), holds);
    }

    @Override
    public Optional<String> generation(int partition) {
        return Optional.ofNullable(generations.get(partition));
    }

    @Override
    public CompletionStage<Void> beginRebuild(int partition, String generation, Map<TopicPartitionKey, Long> claim) {
        List<String> argv = new ArrayList<>(List.of("begin", Long.toString(config.epoch().current()), generation));
        claim.forEach((entry, offset) -> {
            argv.add(entry.toString());
            argv.add(Long.toString(offset));
        });
        return rebuildScript.<String>run(commands, ScriptOutputType.STATUS, new String[] {layout.position(partition)},
                argv.toArray(String[]::new)).handle((reply, error) -> {
                    if (error != null) {
                        throw failure(partition, "begin rebuilding partition " + partition, error);
                    }
                    generations.put(partition, generation);
                    applied.remove(partition);
                    return null;
                });
    }

    @Override
    public CompletionStage<StoredPosition> endRebuild(int partition, String generation,
            Map<TopicPartitionKey, Long> covered, boolean restoresClaim) {
        List<String> argv = new ArrayList<>(List.of("end", Long.toString(config.epoch().current()), generation,
                restoresClaim ? "1" : "0"));
        covered.forEach((entry, offset) -> {
            argv.add(entry.toString());
            argv.add(Long.toString(offset));
        });
        String positionKey = layout.position(partition);
        return rebuildScript.<List<Object>>run(commands, ScriptOutputType.MULTI, new String[] {positionKey},
                argv.toArray(String[]::new)).handle((reply, error) -> {
                    if (error != null) {
                        throw failure(partition, "end rebuilding partition " + partition, error);
                    }
                    StoredPosition position = StoreRows.position(positionKey, partition, config.epoch().current(),
                            StoreRows.pairs(reply));
                    remember(partition, position.offsets().epoch(), position.offsets());
                    return position;
                });
    }

    /** A new generation's id: random, so two stores (or two rebuilds) never share one. */
    private static String fresh() {
        return UUID.randomUUID().toString();
    }

    private static List<AppliedEntry> entries(List<? extends RegionRecord> records, List<Object> reply) {
        long micros = (Long) reply.get(0);
        Instant at = Instant.ofEpochSecond(micros / 1_000_000, (micros % 1_000_000) * 1_000);
        List<AppliedEntry> entries = new ArrayList<>(records.size());
        for (int i = 0; i < records.size(); i++) {
            long code = (Long) reply.get(i + 1);
            AppliedEntry.Outcome outcome = code == 1 ? AppliedEntry.Outcome.APPLIED
                    : code == 0 ? AppliedEntry.Outcome.STALE : AppliedEntry.Outcome.WATERMARK;
            entries.add(new AppliedEntry(records.get(i), outcome, at));
        }
        return List.copyOf(entries);
    }

    @Override
    public CompletionStage<ObjectRead> read(int partition, String key) {
        String positionKey = layout.position(partition);
        String[] keys = {layout.object(partition, key), positionKey};
        return readScript.<List<Object>>run(commands, ScriptOutputType.MULTI, keys).handle((reply, error) -> {
            if (error != null) {
                throw failure(partition, "read a key of partition " + partition, error);
            }
            StoredPosition position = StoreRows.position(positionKey, partition, config.epoch().current(),
                    StoreRows.pairs((List<?>) reply.get(1)));
            return new ObjectRead(StoreRows.object(key, StoreRows.pairs((List<?>) reply.get(0))), position);
        });
    }

    @Override
    public CompletionStage<StoredPosition> position(int partition) {
        String positionKey = layout.position(partition);
        return commands.hgetall(positionKey).toCompletableFuture().handle((hash, error) -> {
            if (error != null) {
                throw failure(partition, "read the position of partition " + partition, error);
            }
            return StoreRows.position(positionKey, partition, config.epoch().current(), hash);
        });
    }

    private ReplicaStoreException failure(int partition, String what, Throwable error) {
        Throwable cause = error instanceof CompletionException && error.getCause() != null ? error.getCause() : error;
        if (cause instanceof ReplicaStoreException store) {
            return store;
        }
        String message = String.valueOf(cause.getMessage());
        if (message.contains(LOST)) {
            return new StoreLostException(partition, "Replica store of region " + region + " could not " + what + ": "
                    + message.substring(message.indexOf(LOST) + LOST.length()).trim(), cause);
        }
        // RIPPLE_EPOCH: the store is already in a later epoch than this part; retried until the part follows
        return new ReplicaStoreException("Replica store of region " + region + " could not " + what + ": "
                + cause.getMessage() + "; it will be retried.", true, cause);
    }

    @Override
    public void close() {
        if (closed.compareAndSet(false, true)) {
            connection.close();
            client.shutdown();
            resources.close();
        }
    }

    @Override
    public String toString() {
        return "Redis replica store of " + region;
    }
}
