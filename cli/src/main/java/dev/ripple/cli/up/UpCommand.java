package dev.ripple.cli.up;

import dev.ripple.cli.CliException;
import dev.ripple.cli.wiring.Lifetime;
import java.io.PrintWriter;
import java.time.Clock;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ripple up}: runs the whole pipeline in this JVM until Ctrl-C or SIGTERM. */
@Command(name = "up",
        description = {"Run the whole pipeline in one process: an in-process Kafka broker, embedded Redis, the config",
                "store (in memory with the demo config, or --etcd) and every component's HTTP API on one port.",
                "Stops cleanly on Ctrl-C or SIGTERM."})
public final class UpCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--etcd", paramLabel = "URLS", description = {"Keep the config in etcd (comma-separated "
            + "endpoints) instead of in memory; the demo config is imported only if etcd has no Ripple config."})
    String etcd;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        UpFile upFile = UpFile.locate();
        upFile.running().ifPresent(other -> {
            throw new CliException("ripple up is already running here (pid " + other.pid() + ", " + other.http()
                    + "). Stop it first (Ctrl-C in its terminal, or 'kill " + other.pid() + "'), or run this one "
                    + "elsewhere or with another RIPPLE_HOME.");
        });

        out.println("ripple up: starting on 127.0.0.1");
        out.flush();
        return new Lifetime("ripple up", out).run(group -> {
            RippleUp up = group.track(new RippleUp(new RippleUp.Options("127.0.0.1", port, upFile, etcd),
                    Clock.systemUTC()));
            UpEndpoints endpoints = up.start();
            for (RippleUp.Started part : up.started()) {
                out.printf("  %-6s %-28s %s%n", part.name(), part.address(), part.detail());
            }
            out.printf("ripple up: ready in %.1f s at %s (endpoints in %s; Ctrl-C to stop)%n",
                    up.startupTime().toMillis() / 1000.0, endpoints.http(), upFile.path());
            out.printf("Dashboard: %s/  (metrics: %s/metrics)%n", endpoints.http(), endpoints.http());
            out.println("Try it:");
            return String.format("  curl -s %s/v1/events -H 'Content-Type: application/json' \\%n"
                    + "    -d '{\"meta\": {\"stream\": \"edits\", \"domain\": \"en.example.org\"}, \"key\": "
                    + "\"enwiki:Main_Page\", \"revision\": 1, \"content_type\": \"text/html\", \"body\": "
                    + "\"<p>Hello</p>\"}'", endpoints.http());
        }, "ripple up: stopped; nothing left running.");
    }
}
