package dev.ripple.producer;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.events.EventJson;
import dev.ripple.testsupport.TestKeys;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class IntakeOutageIT {

    @Test
    void shouldAnswer503WhileKafkaIsDownAndLoseNoAcknowledgedEvent(@TempDir Path dataDir) throws Exception {
        // given an intake on a broker of its own whose data survives a stop
        EmbeddedKafka.Options keep = EmbeddedKafka.Options.defaults().withDataDir(dataDir, true);
        EmbeddedKafka kafka = EmbeddedKafka.start(keep);
        List<String> acknowledged = new ArrayList<>();
        List<Integer> statuses = new ArrayList<>();
        IntakeFixture fixture = new IntakeFixture(kafka, "outage", PublisherConfig.defaults(
                kafka.bootstrapServers(), TestKeys.CODEC).withTimeouts(Duration.ofMillis(500),
                Duration.ofSeconds(2)), IntakeConfig.defaults().withPartitions(3)
                .withPublishTimeout(Duration.ofSeconds(5)));
        try {
            // when events are posted one by one and the broker stops halfway
            for (int i = 0; i < 40; i++) {
                if (i == 20) {
                    kafka.close();
                }
                HttpResponse<String> response = fixture.postAs(IntakeFixture.TOKEN, """
                        {"meta": {"stream": "outage"}, "key": "k%d", "revision": %d}""".formatted(i % 5, i));
                statuses.add(response.statusCode());
                if (response.statusCode() == 201) {
                    acknowledged.add(EventJson.mapper().readTree(response.body()).at("/results/0/id").asText());
                }
            }
        } finally {
            fixture.close();
        }

        // then every answer was 201 or 503, never a silent drop, and the outage gave 503s
        assertThat(statuses).containsOnly(201, 503);
        assertThat(statuses.subList(0, 20)).containsOnly(201);
        assertThat(statuses.subList(25, 40)).containsOnly(503);

        // and after a restart on the same data, every acknowledged event is on the topic
        try (EmbeddedKafka restarted = EmbeddedKafka.start(keep)) {
            Set<String> stored = PublisherIT.readAll(restarted.bootstrapServers(), "ripple.stream.outage",
                    acknowledged.size()).stream().map(r -> id(r.value())).collect(Collectors.toSet());
            assertThat(stored).containsAll(acknowledged);
        }
    }

    private static String id(byte[] value) {
        try {
            JsonNode event = EventJson.mapper().readTree(value);
            return event.at("/meta/id").asText();
        } catch (java.io.IOException e) {
            throw new AssertionError(e);
        }
    }
}
