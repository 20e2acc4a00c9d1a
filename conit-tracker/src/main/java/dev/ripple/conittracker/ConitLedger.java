package dev.ripple.conittracker;

import dev.ripple.consistency.ConitWrite;
import dev.ripple.consistency.Position;
import dev.ripple.consistency.TopicPartitionKey;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The accepted writes of each conit that some region may not have applied yet, per source partition in offset
 * order. Entries every region has applied are trimmed; past {@code maxEntries} per conit the oldest are dropped
 * and counted (the order error is then a lower bound, and says so through {@link #dropped()}). Not thread-safe:
 * owned by the tracker's thread.
 */
final class ConitLedger {
    private final int maxEntries;
    private final Map<String, Map<TopicPartitionKey, ArrayDeque<ConitWrite>>> writes = new HashMap<>();
    private final Map<String, Integer> sizes = new HashMap<>();
    private long dropped;

    ConitLedger(int maxEntries) {
        this.maxEntries = maxEntries;
    }

    void add(ConitWrite write) {
        ArrayDeque<ConitWrite> partition = writes.computeIfAbsent(write.conit(), c -> new HashMap<>())
                .computeIfAbsent(write.source(), p -> new ArrayDeque<>());
        if (!partition.isEmpty() && partition.peekLast().offset() >= write.offset()) {
            return; // a replay of what the ledger holds already
        }
        partition.addLast(write);
        int size = sizes.merge(write.conit(), 1, Integer::sum);
        if (size > maxEntries) {
            dropOldest(write.conit());
        }
    }

    /** The conit's writes not yet trimmed. */
    Collection<ConitWrite> writes(String conit) {
        List<ConitWrite> all = new ArrayList<>(sizes.getOrDefault(conit, 0));
        writes.getOrDefault(conit, Map.of()).values().forEach(all::addAll);
        return all;
    }

    /**
     * Forgets every write: after an epoch bump their offsets are of source logs since recreated, and no position
     * of the new epoch can say whether they were applied; and while the config has no conit to count them.
     */
    void clear() {
        writes.clear();
        sizes.clear();
    }

    /** Removes writes every one of {@code positions} has applied. */
    void trim(Collection<Position> positions) {
        if (positions.isEmpty()) {
            return;
        }
        writes.forEach((conit, partitions) -> partitions.forEach((partition, queue) -> {
            long appliedEverywhere = positions.stream().mapToLong(p -> p.offset(partition)).min().orElse(-1);
            while (!queue.isEmpty() && queue.peekFirst().offset() <= appliedEverywhere) {
                queue.pollFirst();
                sizes.merge(conit, -1, Integer::sum);
            }
        }));
    }

    /** Entries held, all conits. */
    long size() {
        return sizes.values().stream().mapToLong(Integer::longValue).sum();
    }

    /** Entries dropped because a conit's ledger was full. */
    long dropped() {
        return dropped;
    }

    private void dropOldest(String conit) {
        ArrayDeque<ConitWrite> oldest = null;
        for (ArrayDeque<ConitWrite> queue : writes.get(conit).values()) {
            if (!queue.isEmpty() && (oldest == null || queue.peekFirst().dt().isBefore(oldest.peekFirst().dt()))) {
                oldest = queue;
            }
        }
        if (oldest != null) {
            oldest.pollFirst();
            sizes.merge(conit, -1, Integer::sum);
            dropped++;
        }
    }
}
