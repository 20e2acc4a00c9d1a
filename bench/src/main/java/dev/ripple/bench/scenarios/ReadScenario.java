package dev.ripple.bench.scenarios;

import dev.ripple.bench.BenchContext;
import dev.ripple.bench.Correctness;
import dev.ripple.bench.CpuMeter;
import dev.ripple.bench.Measurement;
import dev.ripple.bench.Progress;
import dev.ripple.bench.Scenario;
import dev.ripple.cli.SessionKeys;
import dev.ripple.config.ConfigDocuments;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.ConitDoc;
import dev.ripple.consistency.Position;
import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.events.ConitStatus;
import dev.ripple.events.RegionPosition;
import dev.ripple.events.RegionRecord;
import dev.ripple.replica.ConitGate;
import dev.ripple.replica.ReadApi;
import dev.ripple.replica.ReadApiConfig;
import dev.ripple.replica.ReadGate;
import dev.ripple.replica.RedisStoreConfig;
import dev.ripple.replica.RegionPositions;
import dev.ripple.replica.ReplicaStore;
import dev.ripple.runtime.server.RippleHttpServer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;

/**
 * {@code read}: sequential reads over HTTP/1.1 keep-alive from the read API, per read latency: a read with a
 * covering session token, and a read of a key under a {@code gate-reads} conit within its bounds, against a read
 * with neither. What the token check and the conit check add to a read.
 */
final class ReadScenario implements Scenario {
    static final String PLAIN = "read over HTTP, no token";
    static final String TOKEN = "read over HTTP, covering session token";
    static final String GATED = "read over HTTP, key under a gate-reads conit within bounds";
    private static final String REGION = "bench";
    private static final int KEYS = 1_000;

    @Override
    public String name() {
        return "read";
    }

    @Override
    public String summary() {
        return "read API latency with a session token or a gated conit vs a plain read";
    }

    @Override
    public String description() {
        return "Sequential GETs over one keep-alive connection from the read API (1,000 keys applied in Redis): with "
                + "a covering session token, and of keys under a gate-reads conit within its bounds, vs with neither; "
                + "per read latency; every read must answer 200.";
    }

    @Override
    public Session open(BenchContext context) {
        Clock clock = Clock.systemUTC();
        SessionTokenCodec tokens = SessionTokenCodec.of(SessionKeys.random("bench"));
        ReplicaStore store = ReplicaStore.redis(REGION, RedisStoreConfig.defaults(context.redisUri())
                .withKeyPrefix("read" + System.nanoTime()));
        RegionPositions positions = RegionPositions.create();
        Position applied = fill(store);
        positions.offer(new RegionPosition(REGION, applied, Map.of(), Instant.now()));
        String token = tokens.encode(applied);
        ConfigStore config = ConfigStore.inMemory();
        config.txnRun(txn -> ConfigDocuments.put(txn, new ConitDoc("pages", ConitDoc.KeyPattern.glob("key-*"),
                new ConitDoc.Bounds(5_000L, 1_000L, null), ConitDoc.Enforcement.GATE_READS)));
        ConfigView view = ConfigView.open(config, clock);
        Instant statusAt = clock.instant();
        Map<String, ConitStatus> statuses = Map.of("pages", new ConitStatus("pages", "gate-reads",
                new ConitStatus.Bounds(5_000L, 1_000L, null), Map.of(REGION, new ConitStatus.Region(3, 3, 40,
                List.of())), statusAt));
        RippleHttpServer open = server(tokens, store, positions, ReadGate.OPEN, clock);
        RippleHttpServer gated = server(tokens, store, positions, new ConitGate(view, () -> statuses,
                Clock.fixed(statusAt, ZoneOffset.UTC)), clock); // the status stays fresh: the check's cost is measured
        HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        return new Session() {
            @Override
            public List<String> variants() {
                return List.of(PLAIN, TOKEN, GATED);
            }

            @Override
            public Measurement run(String variant, int round, Progress progress) throws Exception {
                String base = (variant.equals(GATED) ? gated : open).url() + "/v1/regions/" + REGION + "/objects/";
                String header = variant.equals(TOKEN) ? token : null;
                int events = context.events();
                double[] millis = new double[events];
                long ok = 0;
                CpuMeter cpu = CpuMeter.start();
                long start = System.nanoTime();
                for (int i = 0; i < events; i++) {
                    HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + "key-" + (i % KEYS)));
                    if (header != null) {
                        request.header("Ripple-Session-Token", header);
                    }
                    long sent = System.nanoTime();
                    int status = http.send(request.build(), HttpResponse.BodyHandlers.discarding()).statusCode();
                    millis[i] = (System.nanoTime() - sent) / 1e6;
                    ok += status == 200 ? 1 : 0;
                    progress.advance(1);
                }
                return new Measurement(events, Duration.ofNanos(System.nanoTime() - start), cpu.stop(),
                        Measurement.Latency.of(millis), new Correctness(events, ok, 0, 0));
            }

            @Override
            public void close() {
                gated.close();
                open.close();
                view.close();
                config.close();
                positions.close();
                store.close();
            }
        };
    }

    /** Applies the first {@value #KEYS} records of a {@link ReplicaFeed} and returns the store's position. */
    private static Position fill(ReplicaStore store) {
        List<List<RegionRecord>> byPartition = new ReplicaFeed("read").byPartition(KEYS);
        Position applied = Position.empty(ReplicaFeed.EPOCH);
        for (int p = 0; p < ReplicaFeed.PARTITIONS; p++) {
            store.apply(byPartition.get(p)).toCompletableFuture().join();
            applied = applied.merge(store.position(p).toCompletableFuture().join().offsets());
        }
        return applied;
    }

    private static RippleHttpServer server(SessionTokenCodec tokens, ReplicaStore store, RegionPositions positions,
            ReadGate gate, Clock clock) {
        ReadApi api = ReadApi.create(ReadApiConfig.defaults(), tokens, Map.of(REGION, store), positions, gate, clock);
        return RippleHttpServer.start("127.0.0.1", 0, List.of(api.routes()));
    }
}
