package dev.ripple.consistency.history;

import dev.ripple.consistency.Dot;
import dev.ripple.consistency.Position;
import dev.ripple.consistency.SessionGuarantees;
import dev.ripple.consistency.TopicPartitionKey;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * Simulates a correct Ripple run and records its history: sessions write and read skewed keys through the
 * rules of DESIGN.md 5.1; each region applies records per partition in order, with its own lag, and only
 * once their dependencies are applied (5.2); reads are served, waited, redirected or refused by the token
 * rule. The result must check clean; faults are injected separately.
 */
public final class HistoryGenerator {

    /** Generation parameters; lags are the per-region range of apply delay after the acknowledgement, ms. */
    public record Config(int operations, int sessions, int keys, int partitions, double writeRatio, long seed,
                         String[] regions, long[] minLagMs, long[] maxLagMs, long waitBudgetMs) {

        public static Config realistic(int operations, long seed) {
            return new Config(operations, 2_000, 20_000, 6, 0.3, seed, new String[] {"eqiad", "codfw", "esams"},
                    new long[] {2, 20, 50}, new long[] {20, 80, 400}, 200);
        }
    }

    private final Config c;
    private final Random random;
    private final TopicPartitionKey[] partitions;
    private final long[] nextOffset;
    private final long[][][] applyTimes;
    private final int[][] keyOffsetsLen;
    private final long[][] keyOffsets;
    private final Position[] tokens;
    private final long[] busyUntil;
    private final List<Operation> ops = new ArrayList<>();
    private final List<long[]> records = new ArrayList<>();
    private final List<WriteOp> writes = new ArrayList<>();

    private HistoryGenerator(Config c) {
        this.c = c;
        this.random = new Random(c.seed());
        this.partitions = new TopicPartitionKey[c.partitions()];
        for (int p = 0; p < partitions.length; p++) {
            partitions[p] = TopicPartitionKey.of("edits", p);
        }
        this.nextOffset = new long[c.partitions()];
        this.applyTimes = new long[c.regions().length][c.partitions()][1024];
        this.keyOffsets = new long[c.keys()][];
        this.keyOffsetsLen = new int[c.keys()][1];
        this.tokens = new Position[c.sessions()];
        this.busyUntil = new long[c.sessions()];
        Arrays.fill(busyUntil, -1);
    }

    /** @return a clean, converged history of {@code c.operations()} operations */
    public static History generate(Config c) {
        return new HistoryGenerator(c).run();
    }

    private History run() {
        long now = 0;
        for (int i = 0; i < c.operations(); i++) {
            now += random.nextInt(3) == 0 ? 1 : 0;
            int s = random.nextInt(c.sessions());
            for (int tries = 0; busyUntil[s] >= now; tries++) {
                s = (s + 1) % c.sessions();
                if (tries == c.sessions()) {
                    now++;
                    tries = 0;
                }
            }
            int key = (int) (c.keys() * Math.pow(random.nextDouble(), 2));
            if (random.nextDouble() < c.writeRatio()) {
                write(i, s, key, now);
            } else {
                read(i, s, key, now);
            }
        }
        return new History(ops, applyLogs(), true, new StalenessBound(1_000, 50));
    }

    private void write(int i, int s, int key, long now) {
        int p = key % c.partitions();
        long offset = nextOffset[p]++;
        Dot dot = new Dot(partitions[p], offset);
        Position in = tokens[s];
        long ack = now + 1;
        for (int r = 0; r < c.regions().length; r++) {
            long at = ack + c.minLagMs()[r] + (long) (random.nextDouble() * (c.maxLagMs()[r] - c.minLagMs()[r]));
            if (offset > 0) {
                at = Math.max(at, applyTime(r, p, offset - 1));
            }
            if (in != null) {
                for (TopicPartitionKey q : in.partitions()) {
                    at = Math.max(at, applyTime(r, q.partition(), in.offset(q)));
                }
            }
            setApplyTime(r, p, offset, at);
        }
        Position out = SessionGuarantees.afterWrite(in == null ? Position.empty(1) : in, dot);
        WriteOp w = WriteOp.ok("w" + i, "s" + s, "page:" + key, now, ack, dot, in, out);
        ops.add(w);
        writes.add(w);
        records.add(new long[] {p, offset, key});
        addKeyOffset(key, offset);
        tokens[s] = out;
        busyUntil[s] = ack;
    }

    private void read(int i, int s, int key, long now) {
        int r = random.nextInt(10) < 7 ? s % c.regions().length : random.nextInt(c.regions().length);
        int p = key % c.partitions();
        Position in = tokens[s];
        long serveAt = now;
        if (in != null) {
            for (TopicPartitionKey q : in.partitions()) {
                serveAt = Math.max(serveAt, applyTime(r, q.partition(), in.offset(q)));
            }
        }
        ReadOp.Outcome outcome = serveAt == now ? ReadOp.Outcome.OK
                : serveAt - now <= c.waitBudgetMs() ? ReadOp.Outcome.WAITED
                : random.nextBoolean() ? ReadOp.Outcome.REDIRECTED : ReadOp.Outcome.REFUSED;
        long at = outcome.served() ? serveAt : now;
        Position applied = applied(r, at);
        Dot dot = null;
        Position out = in;
        if (outcome.served()) {
            long newest = newestKeyOffset(key, applied.offset(partitions[p]));
            dot = newest < 0 ? null : new Dot(partitions[p], newest);
            out = SessionGuarantees.afterRead(in == null ? Position.empty(1) : in, applied, partitions[p]);
        }
        ops.add(new ReadOp("r" + i, "s" + s, "page:" + key, c.regions()[r], now, at + 1, outcome, dot, applied, in, out,
                null));
        tokens[s] = out;
        busyUntil[s] = at + 1;
    }

    /** The region's applied position at {@code t}: per partition, the highest offset applied by then. */
    private Position applied(int r, long t) {
        Map<TopicPartitionKey, Long> m = new HashMap<>();
        for (int p = 0; p < c.partitions(); p++) {
            int lo = 0;
            int hi = (int) nextOffset[p];
            while (lo < hi) {
                int mid = (lo + hi) >>> 1;
                if (applyTimes[r][p][mid] <= t) {
                    lo = mid + 1;
                } else {
                    hi = mid;
                }
            }
            if (lo > 0) {
                m.put(partitions[p], (long) lo - 1);
            }
        }
        return Position.of(1, m);
    }

    private List<Apply> log(int r) {
        int n = records.size();
        Integer[] order = new Integer[n];
        long[] at = new long[n];
        for (int i = 0; i < n; i++) {
            order[i] = i;
            long[] rec = records.get(i);
            at[i] = applyTime(r, (int) rec[0], rec[1]);
        }
        Arrays.sort(order, (a, b) -> Long.compare(at[a], at[b]));
        List<Apply> log = new ArrayList<>(n);
        for (int i : order) {
            WriteOp w = writes.get(i);
            log.add(new Apply(w.dot(), w.key(), at[i]));
        }
        return log;
    }

    private Map<String, List<Apply>> applyLogs() {
        Map<String, List<Apply>> logs = new HashMap<>();
        for (int r = 0; r < c.regions().length; r++) {
            logs.put(c.regions()[r], log(r));
        }
        return logs;
    }

    private long applyTime(int r, int p, long offset) {
        return applyTimes[r][p][(int) offset];
    }

    private void setApplyTime(int r, int p, long offset, long at) {
        if (offset >= applyTimes[r][p].length) {
            applyTimes[r][p] = Arrays.copyOf(applyTimes[r][p], applyTimes[r][p].length * 2);
        }
        applyTimes[r][p][(int) offset] = at;
    }

    private void addKeyOffset(int key, long offset) {
        long[] arr = keyOffsets[key];
        int n = keyOffsetsLen[key][0];
        if (arr == null) {
            arr = new long[4];
        } else if (n == arr.length) {
            arr = Arrays.copyOf(arr, n * 2);
        }
        arr[n] = offset;
        keyOffsets[key] = arr;
        keyOffsetsLen[key][0] = n + 1;
    }

    /** @return the key's highest write offset at or below {@code limit}, or −1 */
    private long newestKeyOffset(int key, long limit) {
        long[] arr = keyOffsets[key];
        int n = keyOffsetsLen[key][0];
        long best = -1;
        for (int lo = 0, hi = n - 1; lo <= hi; ) {
            int mid = (lo + hi) >>> 1;
            if (arr[mid] <= limit) {
                best = arr[mid];
                lo = mid + 1;
            } else {
                hi = mid - 1;
            }
        }
        return best;
    }
}
