package dev.ripple.cli.tools;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.cli.Cli;
import dev.ripple.config.ConfigKeys;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.DemoConfig;
import dev.ripple.config.EtcdOptions;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.EtcdProcess;
import dev.ripple.embedded.junit.EtcdExtension;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.testsupport.CommandRun;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Properties;
import java.util.UUID;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.NewTopic;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

/** {@code ripple topics plan|create|check} against a real broker, as an operator runs them. */
@ExtendWith(KafkaExtension.class)
class TopicsCommandIT {

    @Test
    void shouldKeepTheCheckedInTopicsFileEqualToThePlanOfTheDemoConfig() throws Exception {
        CommandRun plan = Cli.ripple("topics", "plan", "--demo", "--replication-factor", "3");

        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).isEqualTo(Files.readString(Path.of("..", "deploy", "topics.yaml")));
    }

    @Test
    @ExtendWith(EtcdExtension.class)
    void shouldSayWhichInvalidDocumentThePlanLeavesOut(EtcdProcess etcd) {
        // given the demo config in etcd, and a region stored under a dotted name past the checks (as etcdctl would)
        String namespace = "/topics-it-" + UUID.randomUUID();
        try (ConfigStore store = ConfigStore.etcd(EtcdOptions.builder().endpoints(etcd.endpoint())
                .namespace(namespace).build())) {
            DemoConfig.seed(store);
            store.put(ConfigKeys.region("eu.west"), "{\"name\": \"eu.west\"}");
        }

        CommandRun plan = Cli.ripple("topics", "plan", "--etcd", etcd.endpoint(), "--namespace", namespace);

        // then the plan has the valid regions' topics, and says on stderr which document it left out and why
        assertThat(plan.exitCode()).as(plan.err()).isZero();
        assertThat(plan.out()).contains("ripple.replicate.eqiad").doesNotContain("eu.west");
        assertThat(plan.err()).contains("/ripple/regions/eu.west is invalid, so the plan leaves it out",
                "'eu.west' is not a valid name", "no '.'", "ripple config check");
    }

    @Test
    void shouldCreateEveryPlannedTopicThenFindTheClusterAsTheFileSays(EmbeddedKafka kafka, @TempDir Path dir) {
        // given the demo config's plan under a prefix of this test's own, on a one-broker cluster
        Path file = dir.resolve("topics.yaml");
        CommandRun plan = Cli.ripple("topics", "plan", "--demo", "--topic-prefix", "tc1", "--replication-factor", "1",
                "--output", file.toString());
        assertThat(plan.exitCode()).as(plan.err()).isZero();

        // when it is applied
        CommandRun create = Cli.ripple("topics", "create", "--file", file.toString(), "--bootstrap-servers",
                kafka.bootstrapServers());

        // then every topic exists as planned, and a second create changes nothing
        assertThat(create.exitCode()).as(create.err()).isZero();
        int count = TopicsFile.read(file).topics().size();
        assertThat(create.out()).contains("created " + count + " of " + count + " topics");
        assertThat(Cli.ripple("topics", "create", "--file", file.toString(), "--bootstrap-servers",
                kafka.bootstrapServers()).out()).contains("created 0 of " + count);
        CommandRun check = Cli.ripple("topics", "check", "--file", file.toString(), "--bootstrap-servers",
                kafka.bootstrapServers());
        assertThat(check.exitCode()).as(check.err()).isZero();
        assertThat(check.out()).contains("all " + count + " topics are as the file says");
    }

    @Test
    void shouldListEveryDifferenceAndExitOneWhenTheClusterDiffers(EmbeddedKafka kafka, @TempDir Path dir)
            throws Exception {
        // given a plan, and a cluster where one region topic has the wrong partition count and a compacted topic
        // was created by hand without compaction
        Path file = dir.resolve("topics.yaml");
        Cli.ripple("topics", "plan", "--demo", "--topic-prefix", "tc2", "--replication-factor", "1", "--output",
                file.toString());
        Properties props = new Properties();
        props.put("bootstrap.servers", kafka.bootstrapServers());
        try (Admin admin = Admin.create(props)) {
            admin.createTopics(List.of(new NewTopic("tc2.replicate.eqiad", 2, (short) 1),
                    new NewTopic("tc2.positions", 1, (short) 1).configs(Map.of("cleanup.policy", "delete"))))
                    .all().get();
        }

        // when the cluster is checked against it
        CommandRun check = Cli.ripple("topics", "check", "--file", file.toString(), "--bootstrap-servers",
                kafka.bootstrapServers());

        // then each difference is one line, and the exit code says so
        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.err()).contains("Topic tc2.replicate.eqiad has 2 partitions; the file says 6")
                .contains("Topic tc2.positions has cleanup.policy=delete; the file says compact")
                .contains("Topic tc2.stream.edits is missing");
    }

    @Test
    void shouldRefuseAFileThatIsNotATopicsFileNamingIt(@TempDir Path dir) throws Exception {
        Path file = Files.writeString(dir.resolve("topics.yaml"), "topics:\n  - name: x\n    kind: river\n"
                + "    partitions: 6\n");

        CommandRun check = Cli.ripple("topics", "check", "--file", file.toString(), "--bootstrap-servers",
                "127.0.0.1:9");

        assertThat(check.exitCode()).isEqualTo(1);
        assertThat(check.err()).contains("Invalid kind 'river' of topic x");
    }
}
