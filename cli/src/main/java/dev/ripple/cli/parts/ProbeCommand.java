package dev.ripple.cli.parts;

import dev.ripple.cli.CliException;
import dev.ripple.cli.PartOptions;
import dev.ripple.cli.RedisConnection;
import dev.ripple.cli.tools.ProbeInconsistenciesCommand;
import dev.ripple.cli.tools.ProbeReportCommand;
import dev.ripple.cli.wiring.ConfigParts;
import dev.ripple.cli.wiring.Lifetime;
import dev.ripple.cli.wiring.PartContext;
import dev.ripple.cli.wiring.ProberPart;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.EtcdOptions;
import dev.ripple.events.TopicNames;
import dev.ripple.prober.ProberConfig;
import dev.ripple.runtime.server.HttpServerOptions;
import dev.ripple.runtime.server.RippleHttpServer;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code ripple probe}: the freshness prober alone, until SIGTERM (DESIGN.md 15). */
@Command(name = "probe", description = {"Run the freshness prober: follow a sample of the acknowledged writes and",
        "check every region's read API and every cache at a ladder of delays; nines on /metrics and /api/probe.",
        "'ripple probe report' prints them; 'ripple probe inconsistencies' lists the writes not served in time."},
        subcommands = {ProbeReportCommand.class, ProbeInconsistenciesCommand.class})
public final class ProbeCommand implements Callable<Integer> {
    /** The port it serves HTTP on without {@code --port}. */
    public static final int DEFAULT_PORT = 8086;
    private static final Pattern DURATION = Pattern.compile("(\\d{1,9})(ms|s|m|h)");

    @Option(names = "--sample", paramLabel = "RATIO", defaultValue = "0.01", description = {"Share of keys followed,"
            + " by key hash, each through all its writes: above 0, at most 1 (default: ${DEFAULT-VALUE})."})
    double sample;

    @Option(names = "--ladder", paramLabel = "DELAYS", defaultValue = "100ms,1s,10s,60s", split = ",",
            description = "Delays after a write's acknowledgement at which it is judged, increasing (default: "
                    + "${DEFAULT-VALUE}).")
    List<String> ladder;

    @Option(names = "--record-from", paramLabel = "DELAY", defaultValue = "1s", description = "First delay at which a "
            + "write not served yet is kept in ripple.probe-inconsistencies; one of the ladder (default: "
            + "${DEFAULT-VALUE}).")
    String recordFrom;

    @Option(names = "--window", paramLabel = "SPAN", defaultValue = "10m", description = "Span of the consistent "
            + "ratios on /metrics and in the report, 10s to 24h (default: ${DEFAULT-VALUE}).")
    String window;

    @Option(names = "--max-checks-per-s", paramLabel = "N", defaultValue = "500", description = "Looks per second"
            + " the prober may send to replicas and caches; a sample is charged its expected looks (one a replica, one"
            + " a delay a cache) and left out whole when over, counted budget (default: ${DEFAULT-VALUE}).")
    double maxChecksPerSecond;

    @Option(names = "--max-pending", paramLabel = "N", defaultValue = "100000", description = "Looks waiting for "
            + "their time or turn at most; a sample over it is left out (default: ${DEFAULT-VALUE}).")
    int maxPending;

    @Option(names = "--max-in-flight", paramLabel = "N", defaultValue = "256", description = "Reads under way at "
            + "most; a look beyond it waits its turn, and no sample is taken while one waits, counted busy (default: "
            + "${DEFAULT-VALUE}).")
    int maxInFlight;

    @Option(names = "--read-timeout", paramLabel = "DELAY", defaultValue = "1s", description = "Longest a read may "
            + "take; a slower one counts as not served (default: ${DEFAULT-VALUE}).")
    String readTimeout;

    @Option(names = "--read-api", paramLabel = "[REGION=]URL", description = {"The read API serving REGION (a "
            + "'ripple replica'), or every region not named when REGION= is left out; repeatable.",
            "Regions without one are not checked."})
    List<String> readApis = new ArrayList<>();

    @CommandLine.Mixin
    RedisConnection redis;

    @Option(names = "--propagator-group", paramLabel = "ID", defaultValue = "ripple-propagator", description = "The "
            + "propagator's application id, to tell a write stuck before it from one stuck after (default: "
            + "${DEFAULT-VALUE}).")
    String propagatorGroup;

    @Option(names = "--topic-prefix", defaultValue = "ripple", description = "Topic name prefix (default: "
            + "${DEFAULT-VALUE}).")
    String topicPrefix;

    @CommandLine.Mixin
    PartOptions part;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() throws InterruptedException {
        PartContext start = PartContext.of(part.kafka().settings(), Clock.systemUTC())
                .withTopics(new TopicNames(topicPrefix)).withRedis(redis.uri().orElse(null));
        ProberConfig config = settings(ProberPart.config(start, c -> c));
        HttpServerOptions httpOptions = part.http().options();
        EtcdOptions etcd = part.etcd().options(); // required: refused before any wait
        return new Lifetime("ripple probe", spec.commandLine().getOut())
                .waitingFor(part.dependencies(start.kafka()), part.startupTimeout()).run(group -> {
            PartContext context = ConfigParts.open(group, start, ConfigStore.etcd(etcd));
            group.add(ProberPart.create().start(context, c -> config));
            RippleHttpServer server = group.serve(part.http().host(), part.http().port(DEFAULT_PORT),
                    httpOptions, context.metrics(), List.of());
            return String.format("ripple probe: following %s%% of keys on %s, judged within %s; %s%s and "
                    + "/metrics", sample * 100, context.kafka().bootstrapServers(), String.join(", ", ladder),
                    server.url(), ProberPart.REPORT_PATH);
        }, "ripple probe: stopped.");
    }

    /** {@code defaults} with this command's options; every bad value refused with its option's name. */
    ProberConfig settings(ProberConfig defaults) {
        try {
            Map<String, URI> perRegion = new LinkedHashMap<>();
            URI fallback = null;
            for (String api : readApis) {
                int eq = api.indexOf('=');
                boolean named = eq > 0 && !api.substring(0, eq).contains(":");
                URI uri = URI.create(named ? api.substring(eq + 1) : api);
                if (named) {
                    perRegion.put(api.substring(0, eq), uri);
                } else {
                    fallback = uri;
                }
            }
            List<Duration> delays = ladder.stream().map(d -> duration(d, "--ladder")).toList();
            ProberConfig laddered = defaults.withSampleRatio(sample).withLadder(delays);
            Duration from = duration(recordFrom, "--record-from");
            boolean given = spec != null && spec.commandLine().getParseResult().hasMatchedOption("--record-from");
            return (given || delays.contains(from) ? laddered.withRecordFrom(from) : laddered)
                    .withWindow(duration(window, "--window"))
                    .withLimits(maxChecksPerSecond, maxPending, maxInFlight, duration(readTimeout, "--read-timeout"))
                    .withReadApis(perRegion, fallback).withPropagatorGroup(propagatorGroup);
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage() + ".");
        }
    }

    /** {@code 100ms}, {@code 1s}, {@code 10m}, {@code 1h}. */
    static Duration duration(String text, String option) {
        Matcher m = DURATION.matcher(text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new CliException("Invalid value '" + text + "' for option '" + option + "': expected a number "
                    + "and a unit, ms, s, m or h (e.g. 100ms, 1s, 10m).");
        }
        long n = Long.parseLong(m.group(1));
        return switch (m.group(2)) {
            case "ms" -> Duration.ofMillis(n);
            case "s" -> Duration.ofSeconds(n);
            case "m" -> Duration.ofMinutes(n);
            default -> Duration.ofHours(n);
        };
    }
}
