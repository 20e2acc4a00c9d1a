package dev.ripple.producer;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventJson;
import dev.ripple.testsupport.TestEvents;
import dev.ripple.testsupport.TestKeys;
import dev.ripple.testsupport.TestTopics;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PublisherOutageIT {

    @Test
    void shouldFailWritesWhileTheBrokerIsDownAndLoseNoAcknowledgedWrite(@TempDir Path dataDir) throws Exception {
        // given a broker of its own whose data survives a stop
        EmbeddedKafka.Options keep = EmbeddedKafka.Options.defaults().withDataDir(dataDir, true);
        List<PublishResult> acknowledged = new ArrayList<>();
        List<Throwable> failures = new ArrayList<>();
        {
            EmbeddedKafka kafka = EmbeddedKafka.start(keep);
            TestTopics.create(kafka.bootstrapServers(), 3, "ripple.stream.outage");
            // each publish after the producer has dropped the stopped broker's metadata blocks for max.block.ms:
            // 300 ms made the ~150 of them take 0 to 45 s by when that happened, 50 ms takes at most 7.5 s
            PublisherConfig config = PublisherConfig.defaults(kafka.bootstrapServers(), TestKeys.CODEC)
                    .withTimeouts(Duration.ofMillis(50), Duration.ofSeconds(3));
            try (Publisher publisher = Publisher.create(config)) {
                // the producer connects and learns the topic on its first send, which 50 ms may not cover on a busy
                // machine: one write acknowledged first (kept apart from the 300)
                warmUp(publisher);
                // when 100 writes are acknowledged, then the broker stops while 200 more are being sent
                List<CompletableFuture<PublishResult>> sent = new ArrayList<>();
                for (int i = 0; i < 300; i++) {
                    if (i == 100) {
                        CompletableFuture.allOf(sent.toArray(CompletableFuture[]::new)).join();
                    }
                    if (i == 150) {
                        kafka.close();
                    }
                    EditEvent event = TestEvents.upsert("outage", "key-" + (i % 20), i);
                    sent.add(publisher.publish(event, null).toCompletableFuture());
                }
                for (CompletableFuture<PublishResult> future : sent) {
                    future.handle((result, error) -> error == null ? acknowledged.add(result)
                            : failures.add(error instanceof CompletionException ? error.getCause() : error)).join();
                }
            }

            // then the writes after the stop failed as "Kafka unavailable", none silently
            assertThat(acknowledged.size() + failures.size()).isEqualTo(300);
            assertThat(failures).isNotEmpty().allMatch(e -> e instanceof KafkaUnavailableException);
            assertThat(acknowledged).hasSizeGreaterThanOrEqualTo(100);

            // and after a restart on the same data every acknowledged write is there
            try (EmbeddedKafka restarted = EmbeddedKafka.start(keep)) {
                Set<String> stored = PublisherIT.readAll(restarted.bootstrapServers(), "ripple.stream.outage",
                        acknowledged.size() + 1).stream()
                        .map(r -> read(r.value()).meta().id())
                        .collect(Collectors.toSet());
                assertThat(stored).containsAll(acknowledged.stream().map(PublishResult::eventId).toList());
            }
        }
    }

    private static void warmUp(Publisher publisher) {
        for (int attempt = 1; ; attempt++) {
            try {
                publisher.publish(TestEvents.upsert("outage", "warm-up", 1), null).toCompletableFuture().join();
                return;
            } catch (CompletionException e) {
                if (!(e.getCause() instanceof KafkaUnavailableException) || attempt == 100) {
                    throw e;
                }
            }
        }
    }

    private static EditEvent read(byte[] value) {
        try {
            return EventJson.mapper().readValue(value, EditEvent.class);
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
