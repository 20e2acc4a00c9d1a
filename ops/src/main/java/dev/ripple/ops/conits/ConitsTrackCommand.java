package dev.ripple.ops.conits;

import dev.ripple.ops.cli.EtcdConnection;
import dev.ripple.ops.cli.KafkaConnection;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import java.time.Clock;
import java.util.concurrent.Callable;
import java.util.concurrent.CountDownLatch;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ripple conits track}: the conit tracker alone, until SIGTERM. */
@Command(name = "track", description = "Run the conit tracker against a Kafka cluster, with config from etcd.")
public final class ConitsTrackCommand implements Callable<Integer> {

    @CommandLine.Mixin
    KafkaConnection kafka;

    @CommandLine.Mixin
    EtcdConnection etcd;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        ConfigStore store = ConfigStore.etcd(etcd.options());
        ConfigView view = ConfigView.open(store, Clock.systemUTC());
        ConitTracker tracker = ConitTracker.start(ConitTrackerConfig.defaults(kafka.bootstrapServers()), view,
                Clock.systemUTC());
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            tracker.close();
            view.close();
            store.close();
            stopped.countDown();
        }, "ripple-conits-shutdown"));
        spec.commandLine().getOut().printf("ripple conits track: measuring %d conit(s) on %s%n",
                view.snapshot().conits().size(), kafka.bootstrapServers());
        spec.commandLine().getOut().flush();
        stopped.await();
        return 0;
    }
}
