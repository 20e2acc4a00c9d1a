package dev.ripple.cli.parts;

import dev.ripple.cli.PartOptions;
import dev.ripple.cli.wiring.ConfigParts;
import dev.ripple.cli.wiring.ConitTrackerPart;
import dev.ripple.cli.wiring.Lifetime;
import dev.ripple.cli.wiring.PartContext;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.EtcdOptions;
import dev.ripple.runtime.server.HttpServerOptions;
import dev.ripple.runtime.server.RippleHttpServer;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code ripple conits track}: the conit tracker alone, until SIGTERM. */
@Command(name = "track", description = "Run the conit tracker against a Kafka cluster, with config from etcd.")
public final class ConitsTrackCommand implements Callable<Integer> {
    /** The port it serves HTTP on without {@code --port}. */
    public static final int DEFAULT_PORT = 8085;

    @CommandLine.Mixin
    PartOptions part;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PartContext start = PartContext.of(part.kafka().settings(), Clock.systemUTC());
        HttpServerOptions httpOptions = part.http().options();
        EtcdOptions etcd = part.etcd().options(); // required: refused before any wait
        return new Lifetime("ripple conits track", spec.commandLine().getOut())
                .waitingFor(part.dependencies(start.kafka()), part.startupTimeout()).run(group -> {
            PartContext context = ConfigParts.open(group, start, ConfigStore.etcd(etcd));
            group.add(ConitTrackerPart.start(context));
            RippleHttpServer server = group.serve(part.http().host(), part.http().port(DEFAULT_PORT),
                    httpOptions, context.metrics(), List.of());
            return String.format("ripple conits track: measuring %d conit(s) on %s; /metrics and /readyz at %s",
                    context.config().snapshot().conits().size(), context.kafka().bootstrapServers(), server.url());
        }, "ripple conits track: stopped.");
    }
}
