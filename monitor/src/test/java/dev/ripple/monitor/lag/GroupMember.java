package dev.ripple.monitor.lag;

import dev.ripple.runtime.consume.ConsumeLoop;
import dev.ripple.runtime.consume.LoopOptions;
import dev.ripple.runtime.consume.LoopStep;
import dev.ripple.runtime.consume.LoopThread;
import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CountDownLatch;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A member of a Ripple consumer group as the parts build one: a consumer from {@link KafkaClients} (so with Ripple's
 * failover settings) driven by the {@link ConsumeLoop}, each record done as soon as it is read. In this JVM
 * ({@link #start}) it is a survivor to watch; {@link #launch} runs one alone in a new JVM, to be killed with SIGKILL.
 */
final class GroupMember implements AutoCloseable {
    private static final Logger log = LoggerFactory.getLogger(GroupMember.class);
    private final Set<Integer> owned = ConcurrentHashMap.newKeySet();
    private final ConsumeLoop<byte[], Void> loop;
    private final LoopThread thread;

    private GroupMember(String bootstrap, String group, String topic) {
        KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(KafkaSettings.of(bootstrap, Map.of(), group),
                null, group, Map.of(), new StringDeserializer(), new ByteArrayDeserializer());
        loop = ConsumeLoop.create(consumer, new LoopOptions(group, topic, Duration.ofMillis(200),
                Duration.ofMillis(100), Duration.ZERO, Duration.ZERO, LoopOptions.Mode.GROUP), Clock.systemUTC());
        thread = LoopThread.start(group + "-member", Map.of(), true, loop, new Step(),
                e -> log.error("Group member of {} failed", group, e),
                List.of(consumer));
    }

    /** Joins {@code group} on {@code topic} in this JVM. */
    static GroupMember start(String bootstrap, String group, String topic) {
        return new GroupMember(bootstrap, group, topic);
    }

    /** The partitions this member owns now (assigned and not yet revoked or lost). */
    Set<Integer> owned() {
        return new TreeSet<>(owned);
    }

    @Override
    public void close() {
        thread.stop(Duration.ofSeconds(10));
    }

    /** Arguments: bootstrap servers, group, topic. Runs until killed. */
    public static void main(String[] args) throws InterruptedException {
        start(args[0], args[1], args[2]);
        new CountDownLatch(1).await();
    }

    /** Starts {@link #main} in a new JVM on this JVM's classpath, its output going to {@code log}. */
    static Process launch(String bootstrap, String group, String topic, Path log) throws IOException {
        String java = ProcessHandle.current().info().command()
                .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        List<String> command = new ArrayList<>(List.of(java, "-Xmx256m", "-cp", System.getProperty("java.class.path")));
        String logback = System.getProperty("logback.configurationFile");
        if (logback != null) {
            command.add("-Dlogback.configurationFile=" + logback);
        }
        command.addAll(List.of(GroupMember.class.getName(), bootstrap, group, topic));
        return new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile()).start();
    }

    private final class Step implements LoopStep<byte[], Void> {
        @Override
        public void assigned(Map<Integer, String> committed, int topicPartitions) {
            owned.addAll(committed.keySet());
        }

        @Override
        public void forget(Collection<Integer> partitions) {
            owned.removeAll(partitions);
        }

        @Override
        public Void accept(ConsumerRecord<String, byte[]> record) {
            loop.complete(record.partition(), record.offset());
            return null;
        }
    }
}
