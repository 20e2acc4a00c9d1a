package dev.ripple.ops.conits;

import dev.ripple.ops.cli.EtcdConnection;
import dev.ripple.ops.cli.KafkaConnection;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.ops.cli.CliException;
import dev.ripple.ops.cli.HttpServerFlags;
import dev.ripple.ops.server.PartServer;
import dev.ripple.ops.server.Readiness;
import dev.ripple.ops.server.RippleHttpServer;
import dev.ripple.ops.status.Parts;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ripple conits track}: the conit tracker alone, until SIGTERM. */
@Command(name = "track", description = "Run the conit tracker against a Kafka cluster, with config from etcd.")
public final class ConitsTrackCommand implements Callable<Integer> {

    @CommandLine.Mixin
    KafkaConnection kafka;

    @CommandLine.Mixin
    EtcdConnection etcd;

    @Option(names = "--host", defaultValue = "127.0.0.1",
            description = "Address of /metrics, /healthz and /readyz (default: ${DEFAULT-VALUE}).")
    String host;

    @Option(names = "--port", defaultValue = "8085", description = "Their HTTP port; 0 picks one (default: "
            + "${DEFAULT-VALUE}).")
    int port;

    @CommandLine.Mixin
    HttpServerFlags httpFlags;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        ConfigStore store = ConfigStore.etcd(etcd.options());
        ConfigView view = ConfigView.open(store, Clock.systemUTC());
        ConitTracker tracker = ConitTracker.start(ConitTrackerConfig.defaults(kafka.bootstrapServers()), view,
                Clock.systemUTC());
        RippleHttpServer http;
        try {
            http = PartServer.start(host, port, httpFlags.options(), Readiness.of(List.of(Parts.conits(tracker), Parts.config(view))),
                    List.of(tracker.metrics(), view.metrics()), List.of());
        } catch (IllegalStateException e) {
            tracker.close();
            view.close();
            store.close();
            throw new CliException(e.getMessage());
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            http.close();
            tracker.close();
            view.close();
            store.close();
            stopped.countDown();
        }, "ripple-conits-shutdown"));
        spec.commandLine().getOut().printf("ripple conits track: measuring %d conit(s) on %s; /metrics and /readyz "
                + "at %s%n", view.snapshot().conits().size(), kafka.bootstrapServers(), http.url());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
