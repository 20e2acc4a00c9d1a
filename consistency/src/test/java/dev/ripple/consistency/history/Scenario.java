package dev.ripple.consistency.history;

import dev.ripple.consistency.Dot;
import dev.ripple.consistency.Position;
import dev.ripple.consistency.SessionGuarantees;
import dev.ripple.consistency.TopicPartitionKey;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A small DSL for hand-written histories. Tokens follow DESIGN.md 5.1 by default (each operation presents the
 * session's latest token and gets back the rule's result), so a scenario only spells out the fault it shows.
 */
final class Scenario {

    private final long epoch;
    private final List<Operation> ops = new ArrayList<>();
    private final Map<String, List<Apply>> applies = new TreeMap<>();
    private final Map<String, Position> tokens = new HashMap<>();
    private final Map<String, Dot> dots = new HashMap<>();
    private final Map<String, String> keys = new HashMap<>();
    private boolean converged;
    private StalenessBound bound = StalenessBound.UNBOUNDED;

    private Scenario(long epoch) {
        this.epoch = epoch;
    }

    static Scenario epoch(long epoch) {
        return new Scenario(epoch);
    }

    static Position pos(long epoch, Object... topicPartitionOffset) {
        Map<TopicPartitionKey, Long> m = new TreeMap<>();
        for (int i = 0; i < topicPartitionOffset.length; i += 2) {
            m.put(TopicPartitionKey.parse((String) topicPartitionOffset[i]), ((Number) topicPartitionOffset[i + 1]).longValue());
        }
        return Position.of(epoch, m);
    }

    /** An acknowledged write at {@code dot}, e.g. "edits:0@10", sent at {@code at} and acknowledged 1 ms later. */
    Scenario write(String id, String session, String key, String dot, long at) {
        Dot d = Dot.parse(dot);
        Position in = tokens.get(session);
        Position out = SessionGuarantees.afterWrite(in == null ? Position.empty(epoch) : in, d);
        tokens.put(session, out);
        dots.put(id, d);
        keys.put(id, key);
        ops.add(WriteOp.ok(id, session, key, at, at + 1, d, in, out));
        return this;
    }

    /** A read served at once by {@code region}, whose applied position was {@code applied}. */
    Scenario read(String id, String session, String key, String region, String dotOrNull, Position applied, long at) {
        return read(id, session, key, region, ReadOp.Outcome.OK, dotOrNull, applied, at);
    }

    Scenario read(String id, String session, String key, String region, ReadOp.Outcome outcome, String dotOrNull,
                  Position applied, long at) {
        Dot d = dotOrNull == null ? null : Dot.parse(dotOrNull);
        Position in = tokens.get(session);
        Position out = in;
        if (outcome.served()) {
            TopicPartitionKey p = d != null ? d.partition() : applied.partitions().isEmpty() ? null : applied.partitions().get(0);
            Position base = in == null ? Position.empty(applied.epoch()) : in;
            out = p == null || base.epoch() != applied.epoch() ? base : SessionGuarantees.afterRead(base, applied, p);
        }
        if (out != null) {
            tokens.put(session, out);
        }
        ops.add(new ReadOp(id, session, key, region, at, at + 1, outcome, d, applied, in, out, null));
        return this;
    }

    /** Adds any operation as is, for faults the defaults cannot express. */
    Scenario op(Operation op) {
        ops.add(op);
        if (op.tokenOut() != null) {
            tokens.put(op.session(), op.tokenOut());
        }
        return this;
    }

    /** Replica {@code replica} applies the writes with these ids, in this order, at times at, at+1, ... */
    Scenario applies(String replica, long at, String... writeIds) {
        List<Apply> log = applies.computeIfAbsent(replica, r -> new ArrayList<>());
        for (String id : writeIds) {
            log.add(new Apply(dots.get(id), keys.get(id), at++));
        }
        return this;
    }

    Scenario converged() {
        converged = true;
        return this;
    }

    Scenario bound(long ms, long versions) {
        bound = new StalenessBound(ms, versions);
        return this;
    }

    Position token(String session) {
        return tokens.get(session);
    }

    History history() {
        return new History(ops, applies, converged, bound);
    }

    CheckReport check() {
        return HistoryChecker.create().check(history());
    }
}
