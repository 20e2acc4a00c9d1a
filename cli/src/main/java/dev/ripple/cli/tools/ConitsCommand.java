package dev.ripple.cli.tools;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ripple.cli.CliException;
import dev.ripple.cli.OutputFormat;
import dev.ripple.cli.parts.ConitsTrackCommand;
import dev.ripple.cli.up.UpEndpoints;
import dev.ripple.cli.up.UpFile;
import dev.ripple.events.ConitStatus;
import dev.ripple.events.EventJson;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.TopicNames;
import dev.ripple.runtime.kafka.KafkaClients;
import dev.ripple.runtime.kafka.KafkaSettings;
import java.io.PrintWriter;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.Callable;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.ByteArrayDeserializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/**
 * {@code ripple conits}: each conit's bounds and its current errors per region, from ripple.conit-status. With
 * {@code -o json}, {@code {"conits": [...]}}: each conit's latest status record as the tracker wrote it.
 */
@Command(name = "conits", description = {"Show each conit's bounds and current errors per region.",
        "'ripple conits track' runs the conit tracker."}, subcommands = ConitsTrackCommand.class)
public final class ConitsCommand implements Callable<Integer> {
    private static final String NO_STATUS = "No conit status yet: is a conit tracker running ('ripple up' runs one), "
            + "and are conits configured ('ripple config list /ripple/conits/')?";

    @Option(names = "--bootstrap-servers", description = "Kafka (default: the running 'ripple up').")
    String bootstrapServers;

    @CommandLine.Mixin
    OutputFormat output;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Override
    public Integer call() {
        String bootstrap = bootstrapServers != null ? bootstrapServers : UpFile.locate().running()
                .map(UpEndpoints::kafka).orElseThrow(() -> new CliException("No Kafka to read conit status from: "
                        + "start 'ripple up' here, or pass --bootstrap-servers HOST:9092."));
        Map<String, ConitStatus> statuses = read(bootstrap, TopicNames.defaults().conitStatus());
        PrintWriter out = spec.commandLine().getOut();
        int exit = statuses.values().stream().allMatch(s -> s.regionsOutOfBounds().isEmpty()) ? 0 : 3;
        if (output.json()) {
            ObjectNode doc = EventJson.mapper().createObjectNode();
            doc.set("conits", EventJson.mapper().valueToTree(statuses.values()));
            OutputFormat.printPretty(out, doc);
            if (statuses.isEmpty()) {
                spec.commandLine().getErr().println(NO_STATUS);
                spec.commandLine().getErr().flush();
            }
            return exit;
        }
        if (statuses.isEmpty()) {
            out.println(NO_STATUS);
        }
        out.printf("%-20s %-16s %-10s %8s %10s %12s  %s%n", "CONIT", "ENFORCEMENT", "REGION", "UNAPPLIED", "WEIGHT",
                "STALENESS", "STATUS");
        statuses.values().forEach(status -> {
            ConitStatus.Bounds b = status.bounds();
            out.printf("%-20s %-16s bounds: staleness %s, unapplied %s, weight %s%n", status.conit(),
                    status.enforcement(), bound(b.stalenessMs(), " ms"), bound(b.maxUnapplied(), ""),
                    bound(b.maxWeight(), ""));
            status.regions().forEach((region, r) -> out.printf("%-20s %-16s %-10s %8d %10.1f %9d ms  %s%n", "", "",
                    region, r.orderError(), r.numericalError(), r.stalenessMs(),
                    r.withinBounds() ? "ok" : "OUT OF BOUNDS: " + String.join("; ", r.violations())));
        });
        out.flush();
        return exit;
    }

    private static String bound(Object value, String unit) {
        return value == null ? "none" : value + unit;
    }

    /** The latest status of each conit: the compacted topic read to its end. */
    static Map<String, ConitStatus> read(String bootstrap, String topic) {
        Map<String, ConitStatus> latest = new TreeMap<>();
        try (KafkaConsumer<String, byte[]> consumer = KafkaClients.consumer(KafkaSettings.of(bootstrap, Map.of(),
                "ripple-conits"), null, null, Map.of(), new StringDeserializer(), new ByteArrayDeserializer())) {
            List<TopicPartition> partitions = consumer.partitionsFor(topic, Duration.ofSeconds(10)).stream()
                    .map(p -> new TopicPartition(topic, p.partition())).toList();
            consumer.assign(partitions);
            consumer.seekToBeginning(partitions);
            Map<TopicPartition, Long> end = consumer.endOffsets(partitions);
            long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
            while (System.nanoTime() < deadline && end.entrySet().stream()
                    .anyMatch(e -> consumer.position(e.getKey()) < e.getValue())) {
                for (ConsumerRecord<String, byte[]> record : consumer.poll(Duration.ofMillis(200))) {
                    if (record.value() == null) {
                        latest.remove(record.key());
                    } else {
                        latest.put(record.key(), EventSerdes.conitStatus().deserialize(topic, record.value()));
                    }
                }
            }
        }
        return latest;
    }
}
