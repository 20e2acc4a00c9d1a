package dev.ripple.bench.faults;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.consistency.Dot;
import dev.ripple.consistency.Position;
import dev.ripple.consistency.history.Operation;
import dev.ripple.consistency.history.ReadOp;
import dev.ripple.consistency.history.WriteOp;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.OptionalLong;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Sessions that publish edits to the intakes and read each write back with their session token, over and over,
 * until closed: session {@code s} cycles through keys {@code enwiki:Load_s<s>_<k>}, publishes {@code batch} of
 * them in one request (one token covers the batch), then reads one of them through the next read API of the next
 * region, so that every read API serves. A client fails over to the next intake or read API of its region when one
 * does not answer or answers 503 ({@link LoadClient}). Every operation is recorded for the
 * {@code HistoryChecker}; every key's last acknowledged write is remembered, so a run can check it was applied.
 *
 * <p>Thread-safe: each session runs on a thread of its own; every query may be called from any thread.
 */
public final class SessionLoad implements AutoCloseable {
    private final LoadConfig config;
    private final LoadClient client;
    private final Clock clock;
    private final List<Operation> operations = Collections.synchronizedList(new ArrayList<>());
    private final Map<String, Acked> lastAcked = new ConcurrentHashMap<>();
    private final List<RoundTrips> roundTrips = new ArrayList<>();
    private final AtomicLong writesOk = new AtomicLong();
    private final AtomicLong writesFailed = new AtomicLong();
    private final AtomicLong readsServed = new AtomicLong();
    private final AtomicLong readsRefused = new AtomicLong();
    private final AtomicReference<String> lastFailure = new AtomicReference<>("none");
    private final AtomicBoolean running = new AtomicBoolean(true);
    private final ExecutorService sessions;

    /** The last acknowledged write of a key and the session token that covers it. */
    public record Acked(Dot dot, String token) {}

    /**
     * What the sessions did so far.
     *
     * @param writesOk events acknowledged (201)
     * @param writesFailed events no intake acknowledged
     * @param readsServed reads answered 200
     * @param readsRefused reads answered 409 (the region had not caught up with the token in time)
     */
    public record Counts(long writesOk, long writesFailed, long readsServed, long readsRefused) {}

    private SessionLoad(LoadConfig config, Clock clock) {
        this.config = config;
        this.clock = clock;
        this.client = new LoadClient(config);
        this.sessions = Executors.newFixedThreadPool(config.sessions(), r -> {
            Thread thread = new Thread(r, "ripple-faults-session");
            thread.setDaemon(true);
            return thread;
        });
    }

    /** Starts {@code config.sessions()} sessions; {@code clock} times every operation. */
    public static SessionLoad start(LoadConfig config, Clock clock) {
        SessionLoad load = new SessionLoad(config, clock);
        for (int s = 0; s < config.sessions(); s++) {
            RoundTrips trips = new RoundTrips();
            load.roundTrips.add(trips);
            String session = "s" + s;
            load.sessions.execute(() -> load.run(session, trips));
        }
        return load;
    }

    private void run(String session, RoundTrips trips) {
        String token = null;
        for (int n = 0; running.get(); n++) {
            List<String> keys = new ArrayList<>();
            for (int i = 0; i < config.batch(); i++) {
                keys.add("enwiki:Load_" + session + "_" + ((n * config.batch() + i) % config.keysPerSession()));
            }
            try {
                token = writeThenRead(session, n, keys, token, trips);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }

    private String writeThenRead(String session, int n, List<String> keys, String token, RoundTrips trips)
            throws InterruptedException {
        long start = clock.millis();
        HttpResponse<String> written = client.publish(n, keys, session, token);
        long end = clock.millis();
        String tokenOut = written == null ? null : written.headers().firstValue("Ripple-Session-Token")
                .orElse(null);
        JsonNode results = written == null || tokenOut == null ? null : LoadClient.json(written.body())
                .path("results");
        if (results == null) {
            lastFailure.set(written == null ? "no intake answered other than 503" : written.statusCode() + " "
                    + written.body().substring(0, Math.min(300, written.body().length())));
        }
        List<WriteOp> writes = writes(session, n, keys, start, end, results, position(token), position(tokenOut));
        String readKey = null;
        for (WriteOp write : writes) {
            operations.add(write);
            if (write.accepted()) {
                writesOk.incrementAndGet();
                lastAcked.put(write.key(), new Acked(write.dot(), tokenOut));
                readKey = readKey == null ? write.key() : readKey;
            } else {
                writesFailed.incrementAndGet();
            }
        }
        if (readKey == null) {
            return tokenOut == null ? token : tokenOut;
        }
        return read(session, n, readKey, tokenOut, start, trips);
    }

    /**
     * The history's record of one publish of {@code keys}: every write presents the token from before the publish
     * (its dependencies), and the one token returned for a batch is the last acknowledged write's, so the session's
     * token chain is the one the client saw.
     *
     * @param results the intake's {@code results}, or null when nothing was acknowledged
     */
    static List<WriteOp> writes(String session, int n, List<String> keys, long start, long end, JsonNode results,
            Position tokenIn, Position tokenOut) {
        int lastOk = -1;
        for (int i = 0; i < keys.size(); i++) {
            lastOk = acknowledged(results, i) ? i : lastOk;
        }
        List<WriteOp> writes = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            String id = session + "-w" + n + (keys.size() > 1 ? "-" + i : "");
            writes.add(acknowledged(results, i)
                    ? new WriteOp(id, session, keys.get(i), start, end, WriteOp.Outcome.OK,
                            Dot.parse(results.path(i).get("dot").asText()), tokenIn, i == lastOk ? tokenOut : null)
                    : new WriteOp(id, session, keys.get(i), start, end, WriteOp.Outcome.FAILED, null, tokenIn, null));
        }
        return writes;
    }

    private static boolean acknowledged(JsonNode results, int i) {
        return results != null && results.path(i).hasNonNull("dot") && results.path(i).path("status").asInt(201) == 201;
    }

    private String read(String session, int n, String key, String tokenIn, long writeStart, RoundTrips trips)
            throws InterruptedException {
        String region = config.regionOf(n);
        long start = clock.millis();
        HttpResponse<String> read = client.read(region, n, key, tokenIn, "wait=3000");
        long end = clock.millis();
        String id = session + "-r" + n;
        if (read == null || (read.statusCode() != 200 && read.statusCode() != 409)) {
            return tokenIn;
        }
        if (read.statusCode() == 409) {
            readsRefused.incrementAndGet();
            operations.add(new ReadOp(id, session, key, region, start, end, ReadOp.Outcome.REFUSED, null, null,
                    position(tokenIn), position(tokenIn), null));
            return tokenIn;
        }
        String tokenAfter = read.headers().firstValue("Ripple-Session-Token").orElseThrow();
        boolean waited = !read.headers().firstValue("Ripple-Served-By").orElse("").endsWith("waited=0");
        operations.add(new ReadOp(id, session, key, region, start, end,
                waited ? ReadOp.Outcome.WAITED : ReadOp.Outcome.OK, LoadClient.etagDot(read),
                Position.fromJson(read.headers().firstValue("Ripple-Applied-Position").orElseThrow()),
                position(tokenIn), position(tokenAfter), null));
        readsServed.incrementAndGet();
        trips.add(writeStart, end);
        return tokenAfter;
    }

    private Position position(String token) {
        return token == null ? null : config.tokens().decode(token, LoadClient.epochOf(token)).position();
    }

    /** Every operation so far, in the order they completed. */
    public List<Operation> operations() {
        synchronized (operations) {
            return List.copyOf(operations);
        }
    }

    /** Per key, its last acknowledged write. */
    public Map<String, Acked> lastAcked() {
        return Map.copyOf(lastAcked);
    }

    /** What the sessions did so far. */
    public Counts counts() {
        return new Counts(writesOk.get(), writesFailed.get(), readsServed.get(), readsRefused.get());
    }

    /** The last publish that got no acknowledgement: its status and the start of its body, for diagnosis. */
    public String lastFailure() {
        return lastFailure.get();
    }

    /**
     * When every session had completed a round trip that started at or after {@code sinceMs} (a write
     * acknowledged, then read back with its token and served): the latest of the sessions' first such round trips'
     * ends, in the clock's milliseconds; empty while a session has none.
     */
    public OptionalLong roundTripsSince(long sinceMs) {
        long latest = Long.MIN_VALUE;
        for (RoundTrips trips : roundTrips) {
            OptionalLong end = trips.firstEndSince(sinceMs);
            if (end.isEmpty()) {
                return OptionalLong.empty();
            }
            latest = Math.max(latest, end.getAsLong());
        }
        return OptionalLong.of(latest);
    }

    /** Stops every session after its current operation, waiting up to a minute. */
    @Override
    public void close() throws InterruptedException {
        running.set(false);
        sessions.shutdown();
        sessions.awaitTermination(60, TimeUnit.SECONDS);
    }

    /** One session's round trips, in the order they started: (write start, read end) pairs. */
    private static final class RoundTrips {
        private final List<long[]> trips = new ArrayList<>();

        synchronized void add(long writeStart, long readEnd) {
            trips.add(new long[] {writeStart, readEnd});
        }

        synchronized OptionalLong firstEndSince(long sinceMs) {
            int low = 0;
            int high = trips.size();
            while (low < high) {
                int mid = (low + high) >>> 1;
                if (trips.get(mid)[0] < sinceMs) {
                    low = mid + 1;
                } else {
                    high = mid;
                }
            }
            return low < trips.size() ? OptionalLong.of(trips.get(low)[1]) : OptionalLong.empty();
        }
    }
}
