package dev.ripple.bench.scenarios;

import dev.ripple.bench.BenchContext;
import dev.ripple.cli.up.RippleUp;
import dev.ripple.cli.up.UpFile;
import dev.ripple.cli.up.UpTuning;
import dev.ripple.config.ConfigImport;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.EtcdOptions;
import dev.ripple.embedded.EtcdProcess;
import dev.ripple.runtime.lifecycle.State;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

/**
 * {@code ripple up} as a team comparing it with change-propagation would run it: against the benchmark's broker and
 * Redis ({@code --bootstrap-servers}, {@code --redis}), its config in an etcd of its own ({@code --etcd}) holding
 * only what the comparison needs ({@link #config}): stream {@code edits}, one rule replicating every event of it,
 * and one region {@value #REGION} whose {@code http_replicas} is the sink. Its applier also keeps the region's
 * replica store in the benchmark's Redis. No purge targets, conits or dependency tracking: the peer does none of
 * them.
 */
final class SinkRegionUp implements AutoCloseable {
    static final String REGION = "sink";
    /** Where the region's applier PUTs on the sink: {@code <this>/<percent-encoded key>}. */
    static final String PATH = "/ripple";

    private final EtcdProcess etcd;
    private final RippleUp up;
    private final String intake;

    private SinkRegionUp(EtcdProcess etcd, RippleUp up, String intake) {
        this.etcd = etcd;
        this.up = up;
        this.intake = intake;
    }

    /** The config, as {@code ripple config import} takes it, of a region PUTting to {@code replica}. */
    static String config(URI replica) {
        return "epoch: 1\n"
                + "regions:\n"
                + "  - name: " + REGION + "\n"
                + "    description: the benchmark's HTTP sink\n"
                + "    http_replicas: [\"" + replica + "\"]\n"
                + "streams:\n"
                + "  - name: edits\n"
                + "    description: the benchmark's events\n"
                + "rules:\n"
                + "  - name: to-the-sink\n"
                + "    streams: [edits]\n"
                + "    replicate: {regions: [\"*\"]}\n";
    }

    /**
     * Starts etcd, imports {@link #config} with the sink's {@link #PATH} into it, and starts {@code ripple up} on
     * the context's broker and Redis.
     */
    static SinkRegionUp start(BenchContext context, URI sink, UpTuning tuning) throws Exception {
        EtcdProcess etcd = EtcdProcess.start();
        try {
            try (ConfigStore store = ConfigStore.etcd(EtcdOptions.of(etcd.endpoint()))) {
                ConfigImport.importText(store, config(sink.resolve(PATH)), false);
            }
            Path home = Files.createTempDirectory("ripple-bench-http-e2e");
            RippleUp up = new RippleUp(new RippleUp.Options("127.0.0.1", 0, new UpFile(home.resolve("up.json")),
                    etcd.endpoint(), tuning, context.bootstrapServers(), context.redisUri()), Clock.systemUTC());
            try {
                return new SinkRegionUp(etcd, up, up.start().http() + "/v1/events");
            } catch (RuntimeException | Error e) {
                up.close();
                throw e;
            }
        } catch (Exception | Error e) {
            etcd.close();
            throw e;
        }
    }

    /** The intake's {@code POST} URL. */
    URI intake() {
        return URI.create(intake);
    }

    boolean failed() {
        return up.state() == State.FAILED;
    }

    @Override
    public void close() {
        try (EtcdProcess stop = etcd) {
            up.close();
        }
    }
}
