package dev.ripple.propagator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.MatchCondition;
import dev.ripple.config.RegionDoc;
import dev.ripple.config.RuleDoc;
import dev.ripple.config.StreamDoc;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventSerdes;
import dev.ripple.events.PurgeRequest;
import dev.ripple.events.RegionRecord;
import dev.ripple.events.TopicNames;
import dev.ripple.producer.BatchResult;
import dev.ripple.producer.Publisher;
import dev.ripple.runtime.lifecycle.State;
import dev.ripple.testsupport.TestEvents;
import java.time.Clock;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.apache.kafka.clients.consumer.ConsumerConfig;
import org.apache.kafka.clients.consumer.KafkaConsumer;
import org.apache.kafka.common.TopicPartition;
import org.apache.kafka.common.serialization.StringDeserializer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** Issue 16, item 4: a rule whose pattern backtracks catastrophically in java.util.regex cannot stall routing. */
@ExtendWith(KafkaExtension.class)
class HostileRuleIT {
    /**
     * In java.util.regex, against a run of 'a's ending in another character: 3 s for 30 of them, astronomically long
     * for the 993 of the hostile key below (RulePatternTest).
     */
    private static final String CATASTROPHIC = "^redos:(?<t>(.*a){12})$";

    @Test
    void shouldKeepRoutingOtherKeysWithinASecondAfterAHostileKeyMeetsACatastrophicPattern(EmbeddedKafka kafka)
            throws Exception {
        // given a running propagator with rule redos (the catastrophic pattern, purging by its group) in force
        // next to rule all, which replicates every event to eqiad
        TopicNames topics = new TopicNames("hostile");
        RuleDoc redos = new RuleDoc("redos", List.of("edits"), Map.of("key", MatchCondition.regex(CATASTROPHIC)),
                Map.of(), new RuleDoc.Replicate(List.of("eqiad")),
                new RuleDoc.Purge(List.of(), List.of("redos:{t}"), List.of()), 0L);
        try (ConfigStore store = ItSupport.store(StreamDoc.of("edits"), RegionDoc.of("eqiad"),
                TestConfig.replicateAll("all", "eqiad"), redos);
             ConfigView view = ConfigView.open(store, Clock.systemUTC());
             Propagator propagator = Propagator.create(PropagatorIT.config(kafka, topics, "hostile"), view,
                     Clock.systemUTC());
             Publisher publisher = Publisher.create(ItSupport.publisher(kafka.bootstrapServers(), topics));
             KafkaConsumer<String, RegionRecord> eqiad = reader(kafka)) {
            propagator.start();
            assertThat(propagator.ruleSet().ruleNames()).contains("redos", "all");
            follow(eqiad, topics.replicate("eqiad"));
            Set<String> seen = new HashSet<>();
            publish(publisher, "warm-up");
            await().atMost(Duration.ofSeconds(60)).until(() -> poll(eqiad, seen).contains("warm-up"));
            ItSupport.awaitRunning(propagator);

            // when a 1,000-character key that the pattern would backtrack on is published, then an ordinary key
            String hostile = "redos:" + "a".repeat(993) + "b";
            publish(publisher, hostile);
            publish(publisher, "enwiki:Main_Page");

            // then within a second of being produced the ordinary key reaches eqiad, and so does the hostile one
            // (through rule all: redos does not match it), with the propagator still running
            await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
                    .until(() -> poll(eqiad, seen).containsAll(List.of("enwiki:Main_Page", hostile)));
            assertThat(propagator.state()).isEqualTo(State.RUNNING);

            // and rule redos still matches the keys it was written for, its named group filling the purge template
            String twelve = "redos:" + "a".repeat(12);
            publish(publisher, twelve);
            ItSupport.readPurge(kafka.bootstrapServers(), topics.purge("eqiad"), read -> read.stream().anyMatch(r ->
                    r.value() instanceof PurgeRequest p && p.keys().equals(List.of(twelve))),
                    Duration.ofSeconds(30));
        }
    }

    private static void publish(Publisher publisher, String key) {
        EditEvent event = TestEvents.upsert(key, 1);
        assertThat(publisher.publishAll(List.of(event), null).toCompletableFuture().join().outcomes())
                .singleElement().isInstanceOf(BatchResult.Outcome.Published.class);
    }

    private static KafkaConsumer<String, RegionRecord> reader(EmbeddedKafka kafka) {
        return new KafkaConsumer<>(Map.of(ConsumerConfig.BOOTSTRAP_SERVERS_CONFIG, kafka.bootstrapServers(),
                ConsumerConfig.ISOLATION_LEVEL_CONFIG, "read_committed"), new StringDeserializer(),
                EventSerdes.regionRecord());
    }

    private static void follow(KafkaConsumer<String, RegionRecord> consumer, String topic) {
        List<TopicPartition> partitions = consumer.partitionsFor(topic).stream()
                .map(p -> new TopicPartition(topic, p.partition())).toList();
        consumer.assign(partitions);
        consumer.seekToBeginning(partitions);
    }

    /** The keys of the replication records read so far (watermarks have none). */
    private static Set<String> poll(KafkaConsumer<String, RegionRecord> consumer, Set<String> seen) {
        consumer.poll(Duration.ofMillis(50)).forEach(r -> {
            if (r.key() != null) {
                seen.add(r.key());
            }
        });
        return seen;
    }
}
