package dev.ripple.cli.parts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.cli.RippleCommand;
import dev.ripple.consistency.Position;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.RedisProcess;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.embedded.junit.RedisExtension;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventMeta;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.RegionRecord;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.RuleRef;
import dev.ripple.events.SourcePosition;
import dev.ripple.events.TopicNames;
import dev.ripple.events.Trace;
import dev.ripple.testsupport.TestKeys;
import dev.ripple.testsupport.TestTopics;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.StringSerializer;
import org.apache.kafka.common.utils.Utils;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code ripple replica} replicates a region and serves it; {@code ripple read} reads through it. */
@ExtendWith({KafkaExtension.class, RedisExtension.class})
class ReplicaCommandIT {

    @Test
    void shouldReplicateTheRegionAndServeReadsUntilStopped(EmbeddedKafka kafka, RedisProcess redis,
            @TempDir Path dir) throws Exception {
        // given a region topic and a session key file
        TopicNames topics = new TopicNames("c" + UUID.randomUUID().toString().substring(0, 8));
        TestTopics.create(kafka.bootstrapServers(), 6, topics.replicate("eqiad"));
        Path key = Files.writeString(dir.resolve("session.key"), TestKeys.spec("k1") + "\n");

        // when ripple replica runs for eqiad
        StringWriter out = new StringWriter();
        CommandLine cli = RippleCommand.commandLine();
        cli.setOut(new PrintWriter(out, true));
        ReplicaCommand command = cli.getSubcommands().get("replica").getCommand();
        CompletableFuture<Integer> running = CompletableFuture.supplyAsync(() -> cli.execute("replica",
                "--region", "eqiad", "--bootstrap-servers", kafka.bootstrapServers(), "--redis", redis.uri(),
                "--port", "0", "--topic-prefix", topics.prefix(), "--session-key-file", key.toString()));
        await().atMost(Duration.ofSeconds(60)).until(() -> out.toString().contains("read API at"));
        Matcher url = Pattern.compile("read API at (http://[^/]+)/").matcher(out.toString());
        assertThat(url.find()).isTrue();

        // and a record for enwiki:Main_Page arrives on its topic
        Instant now = Instant.now();
        int partition = Utils.toPositive(Utils.murmur2("enwiki:Main_Page".getBytes(StandardCharsets.UTF_8))) % 6;
        SourcePosition source = new SourcePosition(topics.stream("edits"), partition, 0, now);
        RegionRecord record = new ReplicationRecord(EditEvent.upsert(new EventMeta(UUID.randomUUID().toString(), now,
                "edits", null, null, null, null), "enwiki:Main_Page", 42, "text/html", "<p>hi</p>"), source,
                Position.empty(1), new RuleRef("page-edits", 1), new Trace(now, now));
        try (KafkaProducer<String, RegionRecord> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                kafka.bootstrapServers()), new StringSerializer(), EventSerdes.regionRecord().serializer())) {
            producer.send(new ProducerRecord<>(topics.replicate("eqiad"), partition, "enwiki:Main_Page", record)).get();
        }

        // then ripple read serves it (from the key's partition, where the producer would have put it), and an unknown key gets the read API's own 404 problem
        await().atMost(Duration.ofSeconds(30)).until(() -> read(url.group(1), "enwiki:Main_Page").contains("HTTP 200"));
        assertThat(read(url.group(1), "enwiki:Main_Page")).contains("<p>hi</p>", "ETag: \"42/");
        assertThat(read(url.group(1), "enwiki:Nothing")).contains("HTTP 404", "object-not-found");
        // and its port serves no ops, config, dashboard or intake route (reads stay off the dashboard's origin),
        // only the part's own read-only /metrics and /readyz
        int port = java.net.URI.create(url.group(1)).getPort();
        for (String path : List.of("/api/config/entries", "/api/dlq", "/", "/api/dashboard")) {
            assertThat(dev.ripple.cli.RawHttp.send(port, "GET", path, Map.of(), null).status()).as(path).isEqualTo(404);
        }
        assertThat(dev.ripple.cli.RawHttp.send(port, "GET", "/readyz", Map.of(), null).status()).isEqualTo(200);
        assertThat(dev.ripple.cli.RawHttp.send(port, "POST", "/api/config/import", Map.of("Content-Type",
                "application/json"), "{}").status()).isEqualTo(404);

        // when it is stopped, it exits 0
        command.stop();
        assertThat(running.get()).isZero();
        assertThat(out.toString()).contains("stopped region eqiad");
    }

    private static String read(String url, String key) {
        StringWriter out = new StringWriter();
        CommandLine cli = RippleCommand.commandLine();
        cli.setOut(new PrintWriter(out));
        cli.execute("read", "eqiad", key, "--url", url);
        return out.toString();
    }
}
