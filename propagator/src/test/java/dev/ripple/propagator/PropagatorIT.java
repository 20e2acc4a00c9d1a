package dev.ripple.propagator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.ripple.config.ConfigKeys;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.MatchCondition;
import dev.ripple.config.RegionDoc;
import dev.ripple.config.RuleDoc;
import dev.ripple.config.StreamDoc;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.junit.KafkaExtension;
import dev.ripple.events.RegionRecord;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.RuleRef;
import dev.ripple.events.TopicNames;
import dev.ripple.events.Watermark;
import dev.ripple.producer.PublishResult;
import dev.ripple.producer.Publisher;
import dev.ripple.runtime.lifecycle.State;
import dev.ripple.testsupport.TestEvents;
import dev.ripple.testsupport.TestTopics;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.ListOffsetsOptions;
import org.apache.kafka.clients.admin.OffsetSpec;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.consumer.OffsetAndMetadata;
import org.apache.kafka.common.IsolationLevel;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaExtension.class)
class PropagatorIT {

    @Test
    void shouldCreateRegionTopicsWithTheClustersCountAndWriteEachRecordToItsSourcePartition(EmbeddedKafka kafka)
            throws Exception {
        // given a config with stream edits, regions eqiad and codfw and a rule replicating everywhere
        TopicNames topics = new TopicNames("copart");
        try (ConfigStore store = ItSupport.store(StreamDoc.of("edits"), RegionDoc.of("eqiad"), RegionDoc.of("codfw"),
                TestConfig.replicateAll("all", "*"));
             ConfigView view = ConfigView.open(store, Clock.systemUTC());
             Propagator propagator = Propagator.create(config(kafka, topics, "copart"), view, Clock.systemUTC())) {

            // when the propagator starts and 60 events over 20 keys are published
            propagator.start();
            List<PublishResult> published = publish(kafka, topics, 20, 3);

            // then both region topics exist with 6 partitions, and every record sits in its source partition
            for (String region : List.of("eqiad", "codfw")) {
                assertThat(ItSupport.partitionCount(kafka.bootstrapServers(), topics.replicate(region))).isEqualTo(6);
                assertThat(ItSupport.partitionCount(kafka.bootstrapServers(), topics.purge(region))).isEqualTo(6);
                List<ConsumerRecord<String, RegionRecord>> records = ItSupport.readReplicate(kafka.bootstrapServers(),
                        topics.replicate(region), read -> replications(read).size() >= 60, Duration.ofSeconds(60));
                assertThat(replications(records)).hasSize(60).allSatisfy(r -> assertThat(r.partition())
                        .isEqualTo(r.value().source().partition()));
                assertThat(records).allSatisfy(r -> assertThat(r.partition()).isEqualTo(r.value().source()
                        .partition()));
            }
            assertThat(published).allSatisfy(p -> assertThat(p.dot().partition().topic())
                    .isEqualTo(topics.stream("edits")));
            ItSupport.awaitRunning(propagator);
        }
    }

    @Test
    void shouldRefuseToStartWhenARegionTopicExistsWithAnotherPartitionCountAndSayWhatToDo(EmbeddedKafka kafka)
            throws Exception {
        // given a region topic made by hand with 3 partitions, while the cluster's count is 6
        TopicNames topics = new TopicNames("mismatch");
        TestTopics.create(kafka.bootstrapServers(), 3, topics.replicate("eqiad"));
        try (ConfigStore store = ItSupport.store(StreamDoc.of("edits"), RegionDoc.of("eqiad"),
                TestConfig.replicateAll("all", "*"));
             ConfigView view = ConfigView.open(store, Clock.systemUTC());
             Propagator propagator = Propagator.create(config(kafka, topics, "mismatch"), view, Clock.systemUTC())) {

            // when it starts, then it refuses, naming the topic, both counts and the remedies
            assertThatThrownBy(propagator::start).isInstanceOfSatisfying(PartitionMismatchException.class, e -> {
                assertThat(e.topic()).isEqualTo("mismatch.replicate.eqiad");
                assertThat(e.getMessage()).contains("has 3 partitions").contains("count is 6")
                        .contains("delete mismatch.replicate.eqiad").contains("--partitions 3");
            });
            assertThat(propagator.state()).isEqualTo(State.FAILED);
        }
    }

    @Test
    void shouldSwapInAChangedConfigWithoutRestartingAndRefuseAnInvalidOne(EmbeddedKafka kafka) throws Exception {
        // given a running propagator replicating to eqiad
        TopicNames topics = new TopicNames("reload");
        try (ConfigStore store = ItSupport.store(StreamDoc.of("edits"), RegionDoc.of("eqiad"),
                TestConfig.replicateAll("all", "*"));
             ConfigView view = ConfigView.open(store, Clock.systemUTC());
             Propagator propagator = Propagator.create(config(kafka, topics, "reload"), view, Clock.systemUTC())) {
            propagator.start();
            long first = propagator.ruleSet().version();

            // when region ulsfo is added to the config
            ItSupport.put(store, RegionDoc.of("ulsfo"));

            // then a new rule set is in force and ulsfo's topics exist, with no restart
            await().atMost(Duration.ofSeconds(30)).until(() -> propagator.ruleSet().regions().contains("ulsfo"));
            long second = propagator.ruleSet().version();
            assertThat(second).isGreaterThan(first);
            assertThat(ItSupport.partitionCount(kafka.bootstrapServers(), topics.replicate("ulsfo"))).isEqualTo(6);

            // when a rule that does not compile is written
            Map<String, MatchCondition> twice = new LinkedHashMap<>();
            twice.put("key", MatchCondition.regex("(?<t>.+)"));
            twice.put("meta.domain", MatchCondition.regex("(?<t>.+)"));
            ItSupport.put(store, new RuleDoc("broken", List.of("edits"), twice, Map.of(), null,
                    new RuleDoc.Purge(List.of(), List.of("{t}"), List.of()), 0L));

            // then it is refused, the previous version stays, and events are routed by it to both regions
            await().atMost(Duration.ofSeconds(30)).until(() -> propagator.lastRefusal().isPresent());
            assertThat(propagator.lastRefusal().get()).isInstanceOf(InvalidRuleSetException.class)
                    .hasMessageContaining("rule 'broken' match.meta.domain");
            assertThat(propagator.ruleSet().version()).isEqualTo(second);
            publish(kafka, topics, 1, 1);
            List<ConsumerRecord<String, RegionRecord>> ulsfo = ItSupport.readReplicate(kafka.bootstrapServers(),
                    topics.replicate("ulsfo"), read -> !replications(read).isEmpty(), Duration.ofSeconds(60));
            assertThat(replications(ulsfo)).singleElement().satisfies(r -> assertThat(
                    ((ReplicationRecord) r.value()).rule()).isEqualTo(new RuleRef("all", second)));
            assertThat(propagator.metrics().value(PropagatorMetricNames.RULE_SETS_REFUSED)).isEqualTo(1);

            // when a region whose name has a dot is written straight into the store (as etcdctl would, past the
            // checks of ripple config put), then the broken rule is deleted and region codfw added
            store.put(ConfigKeys.region("eu.west"), "{\"name\": \"eu.west\"}");
            store.delete(ConfigKeys.rule("broken"));
            ItSupport.put(store, RegionDoc.of("codfw"));

            // then the dotted region is reported and kept out, and the propagator takes up every change after it
            // (it once took the region, failed to name its topic, and silently kept its old rule set for good)
            await().atMost(Duration.ofSeconds(30)).until(() -> propagator.ruleSet().regions().contains("codfw"));
            assertThat(propagator.ruleSet().regions()).containsExactly("codfw", "eqiad", "ulsfo");
            assertThat(view.problems()).singleElement().satisfies(p -> assertThat(p.toString())
                    .contains("/ripple/regions/eu.west", "no '.'"));
        }
    }

    /**
     * A task's position in its source topics survives a restart (it is kept with the version gate's store, and
     * restored from its changelog on another instance): a task that routed a filtered event last and stopped sends
     * that event's watermark once it starts again, so the region learns nothing is coming for that offset even if no
     * other event ever comes to the partition.
     */
    @Test
    void shouldSendARestartedTaskTheWatermarkOfTheFilteredEventItRoutedLast(EmbeddedKafka kafka, @TempDir Path dir)
            throws Exception {
        TopicNames topics = new TopicNames("owed");
        TopicPartition region = new TopicPartition(topics.replicate("eqiad"), 0);
        try (ConfigStore store = ItSupport.store(StreamDoc.of("edits"), RegionDoc.of("eqiad"),
                TestConfig.pageRule(0));
             ConfigView view = ConfigView.open(store, Clock.systemUTC());
             Admin admin = Admin.create(Map.of("bootstrap.servers", kafka.bootstrapServers()))) {
            // given a one-partition propagator that routes an enwiki edit, then a dewiki edit that its rule filters
            // out, commits both and stops
            PropagatorConfig config = config(kafka, topics, "owed").withPartitions(1);
            try (Propagator first = Propagator.create(config.withStateDir(dir.resolve("first")), view,
                    Clock.systemUTC())) {
                first.start();
                try (Publisher publisher = Publisher.create(ItSupport.publisher(kafka.bootstrapServers(), topics))) {
                    publisher.publishAll(List.of(TestEvents.upsert("enwiki:Main_Page", 1),
                            TestEvents.upsert("dewiki:Hauptseite", 1)), null).toCompletableFuture().join();
                }
                TopicPartition source = new TopicPartition(topics.stream("edits"), 0);
                await().atMost(Duration.ofSeconds(60)).until(() -> {
                    OffsetAndMetadata committed = admin.listConsumerGroupOffsets("owed").partitionsToOffsetAndMetadata()
                            .get().get(source);
                    return committed != null && committed.offset() == 2;
                });
            }
            long endBefore = admin.listOffsets(Map.of(region, OffsetSpec.latest()),
                    new ListOffsetsOptions(IsolationLevel.READ_COMMITTED)).all().get().get(region).offset();

            // when another instance, with a state directory of its own, takes the task over
            try (Propagator second = Propagator.create(config.withStateDir(dir.resolve("second")), view,
                    Clock.systemUTC())) {
                second.start();

                // then it writes the region a watermark at the filtered event's offset, though no event came since
                // (whether or not the first instance wrote one before it stopped: the second's comes after)
                List<ConsumerRecord<String, RegionRecord>> records = ItSupport.readReplicate(
                        kafka.bootstrapServers(), region.topic(), read -> read.stream().anyMatch(r -> r.offset()
                                >= endBefore), Duration.ofSeconds(60));
                assertThat(records).filteredOn(r -> r.offset() >= endBefore).extracting(ConsumerRecord::value)
                        .first().isInstanceOfSatisfying(Watermark.class,
                                watermark -> assertThat(watermark.source().offset()).isEqualTo(1));
            }
        }
    }

    static PropagatorConfig config(EmbeddedKafka kafka, TopicNames topics, String applicationId) {
        return PropagatorConfig.defaults(kafka.bootstrapServers()).withTopics(topics)
                .withApplicationId(applicationId).withWatermarkInterval(Duration.ofMillis(20));
    }

    static List<PublishResult> publish(EmbeddedKafka kafka, TopicNames topics, int keys, int revisions) {
        try (Publisher publisher = Publisher.create(ItSupport.publisher(kafka.bootstrapServers(), topics))) {
            List<dev.ripple.events.EditEvent> events = new ArrayList<>();
            for (int revision = 1; revision <= revisions; revision++) {
                for (int key = 0; key < keys; key++) {
                    events.add(TestEvents.upsert("key-" + key, revision));
                }
            }
            return publisher.publishAll(events, null).toCompletableFuture().join().outcomes().stream()
                    .map(o -> ((dev.ripple.producer.BatchResult.Outcome.Published) o).result()).toList();
        }
    }

    static <V> List<ConsumerRecord<String, V>> replications(List<ConsumerRecord<String, V>> records) {
        return records.stream().filter(r -> !(r.value() instanceof dev.ripple.events.Watermark)).toList();
    }
}
