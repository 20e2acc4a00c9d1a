package dev.ripple.cli.parts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.cachepurger.CacheClient;
import dev.ripple.cachepurger.FillResult;
import dev.ripple.cli.up.RippleUp;
import dev.ripple.cli.up.UpEndpoints;
import dev.ripple.cli.up.UpFile;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.PurgeRequest;
import dev.ripple.events.RuleRef;
import dev.ripple.events.SourcePosition;
import dev.ripple.events.TopicNames;
import dev.ripple.events.Trace;
import java.net.URI;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** 'ripple up' runs a purger per demo region, purging the embedded Redis (the README's purge). */
class UpPurgeIT {

    @Test
    void shouldPurgeTheEmbeddedRedisOfEveryDemoRegion(@TempDir Path home) throws Exception {
        // given ripple up with the demo config, and a page cached in its Redis
        try (RippleUp up = new RippleUp(new RippleUp.Options("127.0.0.1", 0, new UpFile(home.resolve("up.json"))),
                Clock.systemUTC())) {
            UpEndpoints endpoints = up.start();
            assertThat(up.started()).extracting(RippleUp.Started::name).contains("purgers");
            try (CacheClient cache = CacheClient.connect(URI.create(endpoints.redis()), Duration.ofSeconds(2))) {
                assertThat(cache.fill("page:enwiki:Main_Page", 41, "<html>", Set.of("page:enwiki:Main_Page"),
                        Duration.ofMinutes(5))).isEqualTo(FillResult.FILLED);

                // when a purge of it arrives on each region's purge topic, as the propagator writes it
                TopicNames topics = TopicNames.defaults();
                try (Admin admin = Admin.create(Map.of("bootstrap.servers", endpoints.kafka()));
                        KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                                endpoints.kafka()), new StringSerializer(), new ByteArraySerializer())) {
                    for (String region : List.of("eqiad", "codfw", "esams")) {
                        String topic = topics.purge(region);
                        await().atMost(Duration.ofSeconds(30)).until(() -> admin.describeTopics(List.of(topic))
                                .allTopicNames().get().get(topic).partitions().stream().allMatch(p -> p.leader() != null));
                        PurgeRequest purge = new PurgeRequest("enwiki:Main_Page", List.of("page:enwiki:Main_Page"),
                                List.of(), List.of("page:enwiki:Main_Page"), 42L,
                                new SourcePosition(topics.stream("edits"), 0, 0, Instant.now()),
                                new RuleRef("page-edits", 1), new Trace(Instant.now(), Instant.now()));
                        producer.send(new ProducerRecord<>(topic, 0, purge.key(),
                                EventSerdes.purgeRecord().serialize(topic, purge))).get();
                    }
                }

                // then the page is gone from the cache, and a late fill of the old revision is refused
                await().atMost(Duration.ofSeconds(30)).until(() -> cache.get("page:enwiki:Main_Page").isEmpty()
                        && cache.tombstone("page:enwiki:Main_Page").isPresent());
                assertThat(cache.tombstone("page:enwiki:Main_Page")).contains(42L);
                assertThat(cache.fill("page:enwiki:Main_Page", 41, "<html>", Set.of(), Duration.ofMinutes(5)))
                        .isEqualTo(FillResult.REFUSED_PURGED);
            }
        }
    }
}
