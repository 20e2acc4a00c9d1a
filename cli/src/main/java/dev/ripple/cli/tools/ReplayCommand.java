package dev.ripple.cli.tools;

import dev.ripple.cli.CliException;
import dev.ripple.cli.EtcdFlags;
import dev.ripple.cli.KafkaConnection;
import dev.ripple.cli.RegionName;
import dev.ripple.cli.up.UpEndpoints;
import dev.ripple.cli.up.UpFile;
import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.EtcdOptions;
import dev.ripple.events.TopicNames;
import dev.ripple.propagator.InvalidRuleSetException;
import dev.ripple.propagator.LatestRouting;
import dev.ripple.propagator.RuleSet;
import dev.ripple.runtime.kafka.KafkaSettings;
import dev.ripple.runtime.kafka.KafkaSetupException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/**
 * {@code ripple replay}: re-sends the latest state of one key, a key prefix or a time window to one region, from the
 * streams' latest-state topics, routed by the rules in force (DESIGN.md 4).
 */
@Command(name = "replay", description = {"Re-send the latest state of a key, a key prefix or a time window to one "
        + "region. It reads every stream's latest-state topic (ripple.latest.<stream>), routes each selected key "
        + "with the rules in the config store, and writes the records to ripple.replicate.<region>, where the "
        + "region's applier applies them version-gated: a key the region holds at that write or a newer one does "
        + "not change, so a replay never takes a key back. Also backfills a region added after the fact, and "
        + "applies a fixed rule to what was written before the fix.",
        "Times (--since, --until) are ISO-8601 instants (2026-11-22T10:00:00Z) or ages back from now (90s, 10m, 2h, "
                + "7d), compared with the time Ripple accepted each key's latest write.",
        "Exit codes: 0 done, 1 could not finish (Kafka, etcd), 2 bad arguments."})
public final class ReplayCommand implements Callable<Integer> {
    @Option(names = "--region", required = true, paramLabel = "R", converter = RegionName.class,
            description = "The region to send to.")
    String region;

    @Option(names = "--key", paramLabel = "K", description = "Replay this one key.")
    String key;

    @Option(names = "--prefix", paramLabel = "P", description = "Replay every key that starts with P.")
    String prefix;

    @Option(names = "--since", paramLabel = "T", description = "Replay every key last written at or after T.")
    String since;

    @Option(names = "--until", paramLabel = "T2", description = "With --since: only keys last written before T2.")
    String until;

    @Option(names = "--rate", defaultValue = "1000", paramLabel = "N",
            description = "At most N records a second (default: ${DEFAULT-VALUE}).")
    double rate;

    @Option(names = "--dry-run", description = "Count what would be sent; send nothing.")
    boolean dryRun;

    @Option(names = "--topic-prefix", defaultValue = "ripple", description = "Topic prefix (default: "
            + "${DEFAULT-VALUE}).")
    String topicPrefix;

    @Mixin
    KafkaConnection kafka;

    @Mixin
    Etcd etcd;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    /** The etcd options, with the client key as {@code --etcd-key}: here {@code --key} is a resource key. */
    public static final class Etcd extends EtcdFlags {
        @Option(names = "--etcd-key", paramLabel = "FILE", description = "PEM PKCS#8 key of --cert.")
        Path etcdKey;

        @Override
        protected Path clientKey() {
            return etcdKey;
        }
    }

    @Override
    public Integer call() {
        Clock clock = Clock.systemUTC();
        ReplaySelection selection = ReplaySelection.of(key, prefix, since, until, clock);
        if (!(rate > 0) || Double.isInfinite(rate)) {
            throw ReplaySelection.usage("Invalid value " + rate + " for option '--rate': must be a number of "
                    + "records a second above 0, e.g. --rate 500.");
        }
        TopicNames topics;
        try {
            topics = new TopicNames(topicPrefix);
        } catch (IllegalArgumentException e) {
            throw ReplaySelection.usage(e.getMessage() + ".");
        }
        Optional<UpEndpoints> up = UpFile.locate().running();
        KafkaSettings settings = kafka.settings(up.map(UpEndpoints::kafka));
        ConfigSnapshot config = config(up, clock);
        RuleSet rules;
        try {
            rules = RuleSet.compile(config);
        } catch (InvalidRuleSetException e) {
            throw new CliException("The rules in the config store do not compile, so nothing can be routed: "
                    + e.getMessage() + ". Fix them ('ripple config check'), then replay.");
        }
        if (!rules.regions().contains(region)) {
            throw ReplaySelection.usage("Unknown region '" + region + "': the config store has regions "
                    + rules.regions() + ". Add the region to the config first (its propagator then creates its "
                    + "topics), or pick one of these.");
        }
        PrintWriter out = spec.commandLine().getOut();
        Replayer replayer = new Replayer(settings, topics, config.streams().keySet(), new LatestRouting(rules, clock),
                clock, new ReplayProgress(spec.commandLine().getErr(), clock));
        Replayer.Summary summary;
        try {
            summary = replayer.run(new Replayer.Plan(region, selection, rate, dryRun));
        } catch (KafkaSetupException e) {
            throw new CliException(e.getMessage());
        }
        out.println(summary(selection, summary, rules.version()));
        out.flush();
        return 0;
    }

    private String summary(ReplaySelection selection, Replayer.Summary s, long ruleVersion) {
        String routed = s.templateFailures() == 0 ? "" : " (" + s.templateFailures() + " of them because a rule's "
                + "purge template failed on them)";
        return String.format("ripple replay%s: %s to %s: matched %d, %s %d, not routed to %s %d%s, skipped %d "
                        + "unreadable; scanned %d latest-state records (%d older versions not compacted yet, "
                        + "dropped) in %s, rules of config revision %d",
                dryRun ? " (dry run)" : "", selection.describe(), region, s.matched(),
                dryRun ? "would send" : "sent", s.sent(), region, s.notRouted(), routed, s.skipped(), s.scanned(),
                s.superseded(), Text.ms(s.took().toMillis()), ruleVersion);
    }

    /** The config: etcd's, or the etcd of the {@code ripple up} running here. */
    private ConfigSnapshot config(Optional<UpEndpoints> up, Clock clock) {
        EtcdOptions options;
        if (etcd.isSet()) {
            options = etcd.options();
        } else if (up.isPresent() && up.get().etcd() != null) {
            options = EtcdOptions.of(up.get().etcd());
        } else {
            throw new CliException("No config store to take the rules from: pass --etcd http://HOST:2379 (or set "
                    + "RIPPLE_ETCD)" + (up.isPresent() ? "; the ripple up running here keeps its config in memory, "
                    + "so start it with --etcd to replay" : "") + ".");
        }
        try (ConfigStore store = ConfigStore.etcd(options); ConfigView view = ConfigView.open(store, clock)) {
            return view.snapshot();
        } catch (RuntimeException e) {
            if (e instanceof CliException) {
                throw e;
            }
            throw new CliException("Could not read the config from etcd at " + options.endpoints() + ": "
                    + e.getMessage() + ". Check --etcd and that etcd is up.");
        }
    }
}
