package dev.ripple.cli.wiring;

import dev.ripple.runtime.kafka.KafkaSettings;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.DemoConfig;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventJson;
import dev.ripple.events.EventMeta;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.RegionRecord;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.propagator.Propagator;
import dev.ripple.runtime.lifecycle.State;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.serialization.ByteArraySerializer;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.apache.kafka.common.serialization.StringSerializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(KafkaExtension.class)
class PropagatorPartIT {

    @Test
    void shouldRouteAnEnwikiEditOfTheDemoConfigToEveryRegionAsRippleUpWillRunIt(EmbeddedKafka kafka)
            throws Exception {
        // given the demo config in memory, as ripple up holds it, and the propagator part started on it
        try (ConfigStore store = ConfigStore.inMemory()) {
            DemoConfig.seed(store);
            try (ConfigView view = ConfigView.open(store, Clock.systemUTC());
                 PropagatorPart part = PropagatorPart.start(PartContext.of(KafkaSettings.of(kafka.bootstrapServers()),
                         Clock.systemUTC()).withConfig(view), config -> config)) {
                Propagator propagator = part.propagator();
                await().atMost(Duration.ofSeconds(60)).until(() -> propagator.state() == State.RUNNING);

                // when an edit of enwiki:Main_Page is written to the edits stream
                EventMeta meta = new EventMeta("e1", Instant.now(), "edits", null, "en.example.org", null, null);
                try (KafkaProducer<String, byte[]> producer = new KafkaProducer<>(Map.of("bootstrap.servers",
                        kafka.bootstrapServers()), new StringSerializer(), new ByteArraySerializer())) {
                    producer.send(new ProducerRecord<>("ripple.stream.edits", "enwiki:Main_Page", EventJson.mapper()
                            .writeValueAsBytes(EditEvent.upsert(meta, "enwiki:Main_Page", 1, "text/html", "<p>")))).get();
                }

                // then esams receives it, routed by page-edits
                assertThat(part.summary()).contains("page-edits").contains("esams");
                List<RegionRecord> seen = new ArrayList<>();
                try (KafkaConsumer<String, RegionRecord> consumer = new KafkaConsumer<>(Map.of(
                        ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                        ConsumerConfig.GROUP_ID_CONFIG, "part-it", ConsumerConfig.AUTO_OFFSET_RESET_CONFIG, "earliest",
                        ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                        EventSerdes.regionRecord())) {
                    consumer.subscribe(List.of("ripple.replicate.esams"));
                    await().atMost(Duration.ofSeconds(60)).until(() -> {
                        consumer.poll(Duration.ofMillis(200)).forEach(r -> seen.add(r.value()));
                        return seen.stream().anyMatch(r -> r instanceof ReplicationRecord);
                    });
                }
                assertThat(seen).filteredOn(r -> r instanceof ReplicationRecord).singleElement()
                        .satisfies(r -> assertThat(((ReplicationRecord) r).rule().name()).isEqualTo("page-edits"));
            }
        }
    }
}
