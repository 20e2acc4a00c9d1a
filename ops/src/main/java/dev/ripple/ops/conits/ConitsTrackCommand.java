package dev.ripple.ops.conits;

import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.ops.config.TargetOptions;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ripple conits track}: the conit tracker alone, until SIGTERM. */
@Command(name = "track", description = "Run the conit tracker against a Kafka cluster, with config from etcd.")
public final class ConitsTrackCommand implements Callable<Integer> {

    @Option(names = "--bootstrap-servers", required = true, defaultValue = "${env:RIPPLE_KAFKA}",
            description = "Kafka bootstrap servers (env RIPPLE_KAFKA).")
    String bootstrapServers;

    @CommandLine.Mixin
    TargetOptions config;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        ConfigStore store = ConfigStore.etcd(config.etcdOptions());
        ConfigView view = ConfigView.open(store, Clock.systemUTC());
        ConitTracker tracker = ConitTracker.start(ConitTrackerConfig.defaults(bootstrapServers), view,
                Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            tracker.close();
            view.close();
            store.close();
            stopped.countDown();
        }, "ripple-conits-shutdown"));
        spec.commandLine().getOut().printf("ripple conits track: measuring %d conit(s) on %s%n",
                view.snapshot().conits().size(), bootstrapServers);
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
