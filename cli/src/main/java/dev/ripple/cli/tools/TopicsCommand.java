package dev.ripple.cli.tools;

import dev.ripple.cli.CliException;
import dev.ripple.cli.EtcdConnection;
import dev.ripple.cli.KafkaConnection;
import dev.ripple.config.ConfigProblem;
import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.DemoConfig;
import dev.ripple.events.TopicNames;
import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSetupException;
import dev.ripple.runtime.kafka.RippleTopics;
import dev.ripple.runtime.kafka.TopicProvisioner;
import dev.ripple.runtime.kafka.TopicSpec;
import java.io.IOException;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.stream.Collectors;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.Config;
import org.apache.kafka.clients.admin.TopicDescription;
import org.apache.kafka.common.config.ConfigResource;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code ripple topics plan|create|check}: every Ripple topic, as a file, applied to and verified on a cluster. */
@Command(name = "topics", description = {"Plan, create and check every Ripple topic.",
        "plan writes the topics file from the config's streams and regions; create applies it (creating what is "
                + "missing); check verifies the cluster against it."},
        subcommands = {TopicsCommand.Plan.class, TopicsCommand.Create.class, TopicsCommand.Check.class})
public final class TopicsCommand implements Runnable {
    private static final Duration TIMEOUT = Duration.ofSeconds(30);

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public void run() {
        spec.commandLine().usage(spec.commandLine().getOut());
    }

    /** {@code ripple topics plan}: the topics file of a config. */
    @Command(name = "plan", description = "Write the topics file of the config's streams and regions.")
    static final class Plan implements Callable<Integer> {
        @Mixin
        EtcdConnection etcd;

        @Option(names = "--demo", description = "Plan for the demo config instead of etcd's.")
        boolean demo;

        @Option(names = "--partitions", defaultValue = "6",
                description = "The cluster's source partition count (default: ${DEFAULT-VALUE}).")
        int partitions;

        @Option(names = "--replication-factor", defaultValue = "-1",
                description = "Replicas of every topic; -1 for the broker's default (default: ${DEFAULT-VALUE}).")
        short replicationFactor;

        @Option(names = "--topic-prefix", defaultValue = "ripple",
                description = "Topic prefix (default: ${DEFAULT-VALUE}).")
        String prefix;

        @Option(names = {"-o", "--output"}, paramLabel = "FILE", description = "Write here instead of stdout.")
        Path output;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() throws IOException {
            RippleTopics topics;
            try {
                topics = RippleTopics.of(new TopicNames(prefix), partitions).withReplicationFactor(replicationFactor);
            } catch (IllegalArgumentException e) {
                throw new CliException(e.getMessage() + ".");
            }
            String yaml = TopicsFile.plan(config(), topics).toYaml();
            if (output == null) {
                spec.commandLine().getOut().print(yaml);
                spec.commandLine().getOut().flush();
            } else {
                Files.writeString(output, yaml, StandardCharsets.UTF_8);
            }
            return 0;
        }

        private ConfigSnapshot config() {
            if (demo) {
                ConfigStore store = ConfigStore.inMemory();
                DemoConfig.seed(store);
                try (ConfigView view = ConfigView.open(store, Clock.systemUTC())) {
                    return view.snapshot();
                }
            }
            if (!etcd.isSet()) {
                throw new CliException("No config to plan from: pass --etcd http://HOST:2379 (or set RIPPLE_ETCD), or "
                        + "--demo for the demo config.");
            }
            try (ConfigStore store = ConfigStore.etcd(etcd.options());
                    ConfigView view = ConfigView.open(store, Clock.systemUTC())) {
                warnOfLeftOut(view.problems());
                return view.snapshot();
            }
        }

        /** Says on stderr which documents are invalid, so that the plan leaves them (or their new version) out. */
        private void warnOfLeftOut(List<ConfigProblem> problems) {
            PrintWriter err = spec.commandLine().getErr();
            for (ConfigProblem problem : problems) {
                err.printf("ripple topics plan: %s is invalid, so the plan %s: %s (ripple config check lists it)%n",
                        problem.key(), problem.lastGoodRevision() == null ? "leaves it out"
                                : "follows its last good version, of revision " + problem.lastGoodRevision(),
                        problem.problems().stream().map(Object::toString).collect(Collectors.joining("; ")));
            }
            err.flush();
        }
    }

    /** What create and check share: the file and the cluster. */
    abstract static class Apply implements Callable<Integer> {
        @Option(names = {"-f", "--file"}, required = true, paramLabel = "FILE",
                description = "The topics file (from 'ripple topics plan').")
        Path file;

        @Mixin
        KafkaConnection kafka;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Override
        public Integer call() {
            List<TopicSpec> specs = TopicsFile.read(file).specs();
            PrintWriter out = spec.commandLine().getOut();
            try (Admin admin = KafkaClients.admin(kafka.settings())) {
                List<String> problems = apply(admin, specs, out);
                problems.forEach(problem -> spec.commandLine().getErr().println("ripple topics: " + problem));
                spec.commandLine().getErr().flush();
                out.flush();
                return problems.isEmpty() ? 0 : 1;
            } catch (KafkaSetupException e) {
                throw new CliException(e.getMessage() + (e.getMessage().endsWith(".") ? "" : "."));
            }
        }

        abstract List<String> apply(Admin admin, List<TopicSpec> specs, PrintWriter out);
    }

    /** {@code ripple topics create}: creates the missing topics of a file, then checks them all. */
    @Command(name = "create", description = "Create the file's missing topics, then check every one of them.")
    static final class Create extends Apply {
        @Override
        List<String> apply(Admin admin, List<TopicSpec> specs, PrintWriter out) {
            List<String> before = TopicProvisioner.check(admin, specs, TIMEOUT);
            List<String> problems = new ArrayList<>();
            List<TopicSpec> missing = specs.stream().filter(s -> before.contains(missing(s))).toList();
            if (!missing.isEmpty()) {
                try {
                    TopicProvisioner.ensure(admin, missing, TIMEOUT);
                } catch (RuntimeException e) {
                    problems.add(e.getMessage());
                }
            }
            out.printf("ripple topics: created %d of %d topics (the others existed).%n", missing.size(), specs.size());
            problems.addAll(verify(admin, specs));
            return problems;
        }
    }

    /** {@code ripple topics check}: verifies the cluster against a file. */
    @Command(name = "check", description = {"Verify that every topic of the file exists as it says: partitions, "
            + "replication factor and configs.", "Exits 1 with one line per difference."})
    static final class Check extends Apply {
        @Override
        List<String> apply(Admin admin, List<TopicSpec> specs, PrintWriter out) {
            List<String> problems = verify(admin, specs);
            if (problems.isEmpty()) {
                out.printf("ripple topics: all %d topics are as the file says.%n", specs.size());
            }
            return problems;
        }
    }

    private static String missing(TopicSpec spec) {
        return "Topic " + spec.name() + " is missing";
    }

    /** One line per difference between the cluster and {@code specs}: missing, partitions, replicas, configs. */
    static List<String> verify(Admin admin, List<TopicSpec> specs) {
        List<String> problems = new ArrayList<>();
        List<TopicSpec> present = new ArrayList<>();
        for (String line : TopicProvisioner.check(admin, specs, TIMEOUT)) {
            if (line.endsWith(" is missing")) {
                problems.add(line);
            }
        }
        specs.stream().filter(s -> !problems.contains(missing(s))).forEach(present::add);
        if (present.isEmpty()) {
            return problems;
        }
        try {
            Map<String, TopicDescription> described = admin.describeTopics(present.stream().map(TopicSpec::name)
                    .toList()).allTopicNames().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            Map<ConfigResource, Config> configs = admin.describeConfigs(present.stream()
                    .map(s -> new ConfigResource(ConfigResource.Type.TOPIC, s.name())).toList())
                    .all().get(TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
            for (TopicSpec spec : present) {
                TopicDescription d = described.get(spec.name());
                if (d.partitions().size() != spec.partitions()) {
                    problems.add("Topic " + spec.name() + " has " + d.partitions().size() + " partitions; the file "
                            + "says " + spec.partitions() + (spec.coPartitioned() ? " (it must match the streams': "
                            + "partition p holds what source partition p holds)" : ""));
                }
                int replicas = d.partitions().get(0).replicas().size();
                if (spec.replicationFactor() > 0 && replicas != spec.replicationFactor()) {
                    problems.add("Topic " + spec.name() + " has " + replicas + " replicas; the file says "
                            + spec.replicationFactor());
                }
                Config actual = configs.get(new ConfigResource(ConfigResource.Type.TOPIC, spec.name()));
                spec.configs().forEach((key, want) -> {
                    String have = actual.get(key) == null ? null : actual.get(key).value();
                    if (!want.equals(have)) {
                        problems.add("Topic " + spec.name() + " has " + key + "=" + have + "; the file says " + want);
                    }
                });
            }
        } catch (ExecutionException e) {
            problems.add("Kafka refused to describe the topics: " + e.getCause().getMessage());
        } catch (TimeoutException e) {
            problems.add("Kafka did not describe the topics within " + TIMEOUT.toSeconds() + " s; is it reachable?");
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            problems.add("Interrupted while describing the topics");
        }
        return problems;
    }
}
