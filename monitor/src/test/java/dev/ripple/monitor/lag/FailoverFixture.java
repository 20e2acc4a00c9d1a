package dev.ripple.monitor.lag;

import static org.awaitility.Awaitility.await;

import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ConsumerGroupDescription;
import org.apache.kafka.clients.admin.NewTopic;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.GroupState;
import org.apache.kafka.common.serialization.StringSerializer;

/**
 * A Ripple consumer group on a 6-partition region topic of its own, a member in a JVM of its own to kill with
 * SIGKILL, and records written to every partition in turn while the test runs.
 */
final class FailoverFixture implements AutoCloseable {
    static final int PARTITIONS = 6;

    final String bootstrap;
    final String prefix;
    final String topic;
    final String group;
    private final Admin admin;
    private final KafkaProducer<String, String> producer;
    private final List<Process> processes = new ArrayList<>();
    private ScheduledExecutorService writer;

    FailoverFixture(String bootstrap, String name) throws Exception {
        this.bootstrap = bootstrap;
        this.prefix = name + UUID.randomUUID().toString().substring(0, 8);
        this.topic = prefix + ".replicate.eqiad";
        this.group = prefix + "-replica-eqiad";
        KafkaSettings kafka = KafkaSettings.of(bootstrap, Map.of(), prefix);
        this.admin = KafkaClients.admin(kafka);
        this.producer = KafkaClients.producer(kafka, "writer", Map.of("linger.ms", 0), new StringSerializer(),
                new StringSerializer());
        admin.createTopics(List.of(new NewTopic(topic, PARTITIONS, (short) 1))).all().get(30, TimeUnit.SECONDS);
    }

    /** Starts a member in a new JVM; it is killed at the latest when the fixture closes. */
    Process launchMember(Path log) throws Exception {
        Process process = GroupMember.launch(bootstrap, group, topic, log);
        processes.add(process);
        return process;
    }

    /** Kills {@code member} with SIGKILL: no LeaveGroup, its heartbeats just stop. Returns System.nanoTime() then. */
    static long kill(Process member) throws InterruptedException {
        member.destroyForcibly();
        long killed = System.nanoTime();
        member.waitFor();
        return killed;
    }

    /** Writes a record to each partition in turn, one every {@code every}, until the fixture closes. */
    void keepWriting(Duration every) {
        AtomicLong sent = new AtomicLong();
        writer = Executors.newSingleThreadScheduledExecutor();
        writer.scheduleAtFixedRate(() -> {
            long n = sent.getAndIncrement();
            producer.send(new ProducerRecord<>(topic, (int) (n % PARTITIONS), "k" + n, "v" + n));
        }, 0, every.toMillis(), TimeUnit.MILLISECONDS);
    }

    /** Waits until the group is stable with {@code members} members that own every partition between them. */
    void awaitStable(int members, Duration atMost) {
        await().atMost(atMost).pollInterval(Duration.ofMillis(100)).ignoreExceptions().until(() -> {
            ConsumerGroupDescription d = admin.describeConsumerGroups(List.of(group)).describedGroups().get(group)
                    .get(5, TimeUnit.SECONDS);
            long owned = d.members().stream().mapToLong(m -> m.assignment().topicPartitions().size()).sum();
            return d.groupState() == GroupState.STABLE && d.members().size() == members && owned == PARTITIONS
                    && d.members().stream().noneMatch(m -> m.assignment().topicPartitions().isEmpty());
        });
    }

    /** The group's committed offset of each partition that has one. */
    Map<Integer, Long> committed() throws Exception {
        Map<Integer, Long> offsets = new TreeMap<>();
        admin.listConsumerGroupOffsets(group).partitionsToOffsetAndMetadata().get(5, TimeUnit.SECONDS)
                .forEach((tp, offset) -> {
                    if (offset != null) {
                        offsets.put(tp.partition(), offset.offset());
                    }
                });
        return offsets;
    }

    @Override
    public void close() throws Exception {
        if (writer != null) {
            writer.shutdownNow();
            writer.awaitTermination(5, TimeUnit.SECONDS);
        }
        for (Process process : processes) {
            process.destroyForcibly().waitFor();
        }
        producer.close(Duration.ofSeconds(5));
        admin.close(Duration.ofSeconds(5));
    }
}
