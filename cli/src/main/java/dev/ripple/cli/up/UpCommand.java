package dev.ripple.cli.up;

import dev.ripple.cli.CliException;
import dev.ripple.cli.RegionName;
import dev.ripple.cli.parts.ProducerCommand;
import dev.ripple.cli.parts.PropagatorCommand;
import dev.ripple.cli.wiring.Lifetime;
import dev.ripple.propagator.Delivery;
import java.io.PrintWriter;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ripple up}: runs the whole pipeline in this JVM until Ctrl-C or SIGTERM. */
@Command(name = "up",
        description = {"Run the whole pipeline in one process: an in-process Kafka broker, embedded Redis, the config",
                "store (in memory with the demo config, or --etcd) and every component's HTTP API on one port.",
                "With --processes, run the production shape instead: a broker, etcd and Redis of their own and",
                "every part as its own JVM with README's command line. Stops cleanly on Ctrl-C or SIGTERM."})
public final class UpCommand implements Callable<Integer> {

    @Option(names = "--port", defaultValue = "8080", description = "HTTP port on 127.0.0.1 (default: ${DEFAULT-VALUE}).")
    int port;

    @Option(names = "--etcd", paramLabel = "URLS", description = {"Keep the config in etcd (comma-separated "
            + "endpoints) instead of in memory; the demo config is imported only if etcd has no Ripple config."})
    String etcd;

    @Option(names = "--bootstrap-servers", paramLabel = "HOST:PORT[,…]", description = {"Run against this Kafka "
            + "cluster instead of an in-process broker (a side-by-side with another tool on one broker); Ripple "
            + "creates its topics there (replication: the broker's default)."})
    String bootstrapServers;

    @Option(names = "--redis", paramLabel = "URI", description = {"Keep the replica stores and caches in this Redis "
            + "(redis://host:port) instead of an embedded one."})
    String redis;

    @Option(names = "--processes", description = {"Run every part as its own OS process, as in production, with a "
            + "Kafka broker, etcd and Redis (AOF on) of their own; needs etcd and redis-server installed."})
    boolean processes;

    @Option(names = "--instances", paramLabel = "N", defaultValue = "1", description = {"With --processes: "
            + "instances of each part but ops, 1 to 9 (default: ${DEFAULT-VALUE})."})
    int instances;

    @Option(names = "--regions", paramLabel = "R[,R…]", split = ",", converter = RegionName.class,
            description = {"With --processes: the regions to run a replica and a purger for, and the only demo "
            + "regions seeded, so nothing is routed to a region without them (default: every region of the demo "
            + "config)."})
    List<String> regions = new ArrayList<>();

    @Option(names = "--delivery", paramLabel = "MODE", defaultValue = "${env:" + PropagatorCommand.DELIVERY_ENV + "}",
            description = {"The propagator's delivery: exactly-once (each event once; appliers see it at the next",
                    "commit) or at-least-once (seen as soon as written; a crash routes recent events again, made",
                    "harmless by version gates). Env " + PropagatorCommand.DELIVERY_ENV + ", else system property "
                            + UpTuning.DELIVERY + " (default: exactly-once)."})
    String delivery;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The tuning of this JVM's system properties, in the delivery mode of {@code --delivery} if given. */
    UpTuning tuning() {
        try {
            return delivery == null || delivery.isBlank() ? UpTuning.fromSystemProperties()
                    : UpTuning.fromSystemProperties(Delivery.of(delivery, "--delivery"));
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage());
        }
    }

    @Override
    public Integer call() throws InterruptedException {
        PrintWriter out = spec.commandLine().getOut();
        UpFile upFile = UpFile.locate();
        upFile.running().ifPresent(other -> {
            throw new CliException("ripple up is already running here (pid " + other.pid() + ", " + other.http()
                    + "). Stop it first (Ctrl-C in its terminal, or 'kill " + other.pid() + "'), or run this one "
                    + "elsewhere or with another RIPPLE_HOME.");
        });

        if (processes) {
            return runProcesses(out, upFile);
        }
        if (instances != 1 || !regions.isEmpty()) {
            throw new CliException("--instances and --regions need --processes (one process runs one of each).");
        }
        UpTuning tuning = tuning();
        out.println("ripple up: starting on 127.0.0.1");
        out.flush();
        return new Lifetime("ripple up", out).run(group -> {
            RippleUp up = group.track(new RippleUp(new RippleUp.Options("127.0.0.1", port, upFile, etcd, tuning,
                    blankToNull(bootstrapServers), blankToNull(redis)), Clock.systemUTC()));
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

    private int runProcesses(PrintWriter out, UpFile upFile) throws InterruptedException {
        if (etcd != null || port != 8080 || bootstrapServers != null || redis != null) {
            throw new CliException("--etcd, --port, --bootstrap-servers and --redis do not apply with --processes: "
                    + "it starts a broker, etcd and Redis of its own, and every part listens on its own port.");
        }
        Delivery mode = tuning().delivery();
        out.println("ripple up: starting the production shape, every part its own process");
        out.flush();
        return new Lifetime("ripple up", out).run(group -> {
            ProcessUp up = group.track(new ProcessUp(new ProcessUp.Options(regions, instances, upFile,
                    Duration.ofMinutes(4), mode), Clock.systemUTC(), out));
            long started = System.nanoTime();
            UpEndpoints endpoints = up.start();
            out.printf("  %-22s %-8s %-28s %s%n", "PROCESS", "PID", "ADDRESS", "LOG");
            for (ProcessUp.Row row : up.rows()) {
                out.printf("  %-22s %-8d %-28s %s%n", row.name(), row.pid(), row.address(),
                        row.log() == null ? "-" : row.log());
            }
            out.printf("ripple up: %d processes ready in %.1f s (endpoints in %s; Ctrl-C stops them all)%n",
                    up.rows().size(), (System.nanoTime() - started) / 1e9, upFile.path());
            out.printf("Dashboard: %s/%n", endpoints.http());
            out.println("Try it:");
            return String.format("  curl -s http://127.0.0.1:%d/v1/events -H 'Content-Type: application/json' "
                    + "-H 'Authorization: Bearer %s' \\%n    -d '{\"meta\": {\"stream\": \"edits\", \"domain\": "
                    + "\"en.example.org\"}, \"key\": \"enwiki:Main_Page\", \"revision\": 1, \"content_type\": "
                    + "\"text/html\", \"body\": \"<p>Hello</p>\"}'", ProducerCommand.DEFAULT_PORT, up.producerToken());
        }, "ripple up: stopped every process; nothing left running.");
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value.trim();
    }
}
