package dev.ripple.consistency.history.internal;

import static dev.ripple.consistency.history.AnomalyType.REGRESSING_READ;
import static dev.ripple.consistency.history.AnomalyType.STALE_OWN_WRITE;
import static dev.ripple.consistency.history.AnomalyType.TOKEN_REGRESSION;

import dev.ripple.consistency.Dot;
import dev.ripple.consistency.Position;
import dev.ripple.consistency.history.Anomaly;
import dev.ripple.consistency.history.Operation;
import dev.ripple.consistency.history.ReadOp;
import dev.ripple.consistency.history.WriteOp;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Rules checked along each session, in session order, in O(operations):
 * stale-own-write (read-your-writes), regressing-read (monotonic reads) and token-regression. The token chain
 * restarts after an operation refused without a token, since the client is told to start over (410).
 */
public final class SessionCheck {

    private final HistoryIndex index;
    private final AnomalySink sink;

    public SessionCheck(HistoryIndex index, AnomalySink sink) {
        this.index = index;
        this.sink = sink;
    }

    public void run() {
        for (int[] session : index.sessions) {
            checkSession(session);
        }
    }

    private void checkSession(int[] session) {
        Map<String, WriteOp> newestOwnWrite = new HashMap<>();
        Map<String, ReadOp> newestRead = new HashMap<>();
        Operation previous = null;
        for (int i : session) {
            Operation op = index.ops.get(i);
            checkToken(previous, op);
            if (op instanceof WriteOp w && w.accepted()) {
                newestOwnWrite.merge(w.key(), w, (old, cur) ->
                        HistoryIndex.differentEpochs(old, cur) || cur.dot().isNewerThan(old.dot()) ? cur : old);
            } else if (op instanceof ReadOp r && r.accepted()) {
                WriteOp own = newestOwnWrite.get(r.key());
                if (own != null && !HistoryIndex.differentEpochs(own, r) && misses(r.dot(), own.dot())) {
                    sink.add(STALE_OWN_WRITE, () -> new Anomaly(STALE_OWN_WRITE, List.of(r.id(), own.id()), List.of(),
                            "read " + r.id() + " of " + r.key() + " at " + r.region() + " returned " + show(r.dot())
                                    + " after the session's own write " + own.id() + " was acknowledged at " + own.dot(),
                            Map.of()));
                }
                ReadOp seen = newestRead.get(r.key());
                if (seen != null && !HistoryIndex.differentEpochs(seen, r) && misses(r.dot(), seen.dot())) {
                    sink.add(REGRESSING_READ, () -> new Anomaly(REGRESSING_READ, List.of(r.id(), seen.id()), List.of(),
                            "read " + r.id() + " of " + r.key() + " at " + r.region() + " returned " + show(r.dot())
                                    + ", older than " + seen.dot() + " returned by the session's earlier read " + seen.id()
                                    + " at " + seen.region(), Map.of()));
                }
                if (r.dot() != null && (seen == null || HistoryIndex.differentEpochs(seen, r)
                        || r.dot().isNewerThan(seen.dot()))) {
                    newestRead.put(r.key(), r);
                }
            }
            if (op.tokenOut() != null) {
                previous = op;
            } else if (!op.accepted()) {
                previous = null; // refused without a token (e.g. 410): the client may start the session over
            }
        }
    }

    /** True if a read that returned {@code got} missed {@code wanted}: nothing, or older in the same partition. */
    private static boolean misses(Dot got, Dot wanted) {
        return wanted != null && (got == null ? true : wanted.isNewerThan(got));
    }

    private void checkToken(Operation previous, Operation op) {
        String why = null;
        Operation earlier = null;
        Position in = op.tokenIn();
        Position out = op.tokenOut();
        if (previous != null && !covers(in, previous.tokenOut())) {
            earlier = previous;
            why = "it presented " + show(in) + ", older than " + show(previous.tokenOut()) + " returned by "
                    + previous.id() + " earlier in the session";
        } else if (in != null && out != null && !covers(out, in)) {
            why = "it returned " + show(out) + ", which does not cover the presented " + show(in);
        } else if (op.accepted() && out != null && ownDot(op) != null && !out.covers(ownDot(op))) {
            why = "it returned " + show(out) + ", which does not cover its own version " + ownDot(op);
        }
        if (why != null) {
            String message = "operation " + op.id() + " (session " + op.session() + "): " + why;
            List<String> ops = earlier == null ? List.of(op.id()) : List.of(op.id(), earlier.id());
            sink.add(TOKEN_REGRESSION, () -> new Anomaly(TOKEN_REGRESSION, ops, List.of(), message, Map.of()));
        }
    }

    /** Whether token {@code a} is at least {@code b}: a newer epoch counts as covering (resurrection is separate). */
    private static boolean covers(Position a, Position b) {
        if (b == null) {
            return true;
        }
        if (a == null) {
            return false;
        }
        return a.epoch() != b.epoch() ? a.epoch() > b.epoch() : a.dominates(b);
    }

    private static Dot ownDot(Operation op) {
        return op instanceof WriteOp w ? w.dot() : ((ReadOp) op).dot();
    }

    private static String show(Object o) {
        return o == null ? "nothing" : o.toString();
    }
}
