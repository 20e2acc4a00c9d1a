package dev.ripple.replica;

import dev.ripple.consistency.history.Apply;
import dev.ripple.consistency.history.History;
import dev.ripple.consistency.history.Operation;
import dev.ripple.consistency.history.ReadOp;
import dev.ripple.consistency.history.StalenessBound;
import dev.ripple.consistency.history.WriteOp;
import dev.ripple.events.ReplicationRecord;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Records an IT's client operations and each region's effective applies as a {@link History} for the
 * {@code HistoryChecker}. Keys starting with {@value #NOISE} are background traffic (routed to some regions only, to
 * make watermarks): the checker assumes every replica replicates every write, so their applies are left out.
 */
final class HistoryRecorder {
    static final String NOISE = "noise:";
    private final List<Operation> operations = new ArrayList<>();
    private final Map<String, List<Apply>> applies = new ConcurrentHashMap<>();
    private final AtomicLong ids = new AtomicLong();

    synchronized WriteOp write(String session, String key, WritePath.Ack ack) {
        WriteOp op = WriteOp.ok("w" + ids.incrementAndGet(), session, key, ack.startMs(), ack.endMs(), ack.dot(),
                ack.tokenIn(), ack.tokenOut());
        operations.add(op);
        return op;
    }

    synchronized ReadOp read(String session, String key, ReadClient.Result result) {
        ReadOp op = result.toReadOp("r" + ids.incrementAndGet(), session, key);
        operations.add(op);
        return op;
    }

    /** A listener for the region's applier: logs its effective applies in apply order. */
    ApplyListener applies(String region) {
        List<Apply> log = applies.computeIfAbsent(region, r -> Collections.synchronizedList(new ArrayList<>()));
        return (entries, position) -> entries.stream()
                .filter(AppliedEntry::effective)
                .filter(e -> !((ReplicationRecord) e.record()).key().startsWith(NOISE))
                .forEach(e -> log.add(new Apply(e.record().source().dot(), ((ReplicationRecord) e.record()).key(),
                        e.appliedAt().toEpochMilli())));
    }

    /** The history so far; {@code converged} once every region has caught up. */
    synchronized History history(boolean converged) {
        Map<String, List<Apply>> logs = new TreeMap<>();
        applies.forEach((region, log) -> {
            synchronized (log) {
                logs.put(region, List.copyOf(log));
            }
        });
        return new History(operations, logs, converged, StalenessBound.UNBOUNDED);
    }

    synchronized List<ReadOp> reads() {
        return operations.stream().filter(ReadOp.class::isInstance).map(ReadOp.class::cast).toList();
    }

    synchronized List<WriteOp> writes() {
        return operations.stream().filter(WriteOp.class::isInstance).map(WriteOp.class::cast).toList();
    }
}
