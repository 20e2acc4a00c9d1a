package dev.ripple.replica;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.EmbeddedRedis;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.events.TopicNames;
import dev.ripple.runtime.lifecycle.State;
import dev.ripple.testsupport.TestTopics;
import io.javalin.Javalin;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** The wiring {@code ripple up} uses, on the bundled Redis 6.2 of {@code ripple up} (the Lua scripts run there too). */
@ExtendWith(KafkaExtension.class)
class ReplicaServiceIT {

    @Test
    void shouldReplicateEveryRegionAndServeReadsOnTheEmbeddedRedis(EmbeddedKafka kafka) {
        TopicNames topics = new TopicNames("s" + UUID.randomUUID().toString().substring(0, 8));
        List<String> regions = List.of("eqiad", "codfw", "esams");
        TestTopics.create(kafka.bootstrapServers(), 6, regions.stream().map(topics::replicate).toArray(String[]::new));
        try (EmbeddedRedis redis = EmbeddedRedis.start();
                ReplicaService service = ReplicaService.start(ReplicaService.Options.defaults(
                        regions.stream().map(r -> new ReplicaService.Region(r, redis.uri(), List.of())).toList(),
                        kafka.bootstrapServers(), ReplicaHarness.TOKENS).withTopics(topics), Clock.systemUTC());
                DirectRegionFeed feed = new DirectRegionFeed(kafka.bootstrapServers(), topics, regions, 6,
                        ReplicaHarness.TOKENS)) {
            Javalin server = Javalin.create(config -> {
                config.startup.showJavalinBanner = false;
                config.jetty.host = "127.0.0.1";
                config.jetty.port = 0;
                service.routes().accept(config);
            }).start();
            try {
                ReadClient client = new ReadClient("http://127.0.0.1:" + server.port(), ReplicaHarness.TOKENS);

                // when a session writes a key and another deletes one
                WritePath.Ack written = feed.write("enwiki:Main_Page", "hello", null);
                WritePath.Ack deleted = feed.delete("enwiki:Gone", written.token());

                // then every region serves the write to the session's token, and the delete as 404
                for (String region : regions) {
                    ReadClient.Result read = client.read(region, "enwiki:Main_Page", deleted.token(),
                            Map.of("Ripple-On-Violation", "wait=5000"));
                    assertThat(read.status()).as(read.body()).isEqualTo(200);
                    assertThat(read.body()).isEqualTo("hello");
                    assertThat(client.read(region, "enwiki:Gone", deleted.token()).status()).isEqualTo(404);
                }
                assertThat(service.appliers()).allMatch(a -> a.state() == State.RUNNING);
                await().atMost(Duration.ofSeconds(10)).until(() -> service.positions().all().keySet()
                        .containsAll(regions));
            } finally {
                server.stop();
            }
        }
    }
}
