package dev.ripple.propagator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.embedded.EmbeddedKafka;
import dev.ripple.embedded.junit.KafkaExtension;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import org.apache.kafka.common.TopicPartition;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.io.TempDir;

@ExtendWith(KafkaExtension.class)
class ExactlyOnceIT {

    @Test
    void shouldDeliverAHundredThousandEventsToEveryRegionTopicOnceEachInKeyOrder(EmbeddedKafka kafka)
            throws Exception {
        // given 100,000 events over 1,000 keys on a 6-partition stream, and three regions
        ExactlyOnceFixture fixture = new ExactlyOnceFixture(kafka.bootstrapServers(), "eo-clean");
        Map<TopicPartition, Long> ends = fixture.publishAll();

        // when the propagator runs until it has committed every source record
        try (ConfigStore store = ItSupport.store(ExactlyOnceFixture.config());
             ConfigView view = ConfigView.open(store, Clock.systemUTC());
             Propagator propagator = Propagator.create(PropagatorProcess.config(kafka.bootstrapServers(),
                     fixture.topics, fixture.applicationId, null), view, Clock.systemUTC())) {
            propagator.start();
            fixture.awaitAllCommitted(Duration.ofSeconds(120));
        }

        // then every region topic has each key's events once, in source order, and positions at the end
        fixture.verify(ends);
    }

    @Test
    void shouldStillDeliverEveryEventOnceInKeyOrderWhenTheStreamsProcessIsKilledHalfway(EmbeddedKafka kafka,
            @TempDir Path stateDir) throws Exception {
        // given 100,000 events on the stream, and the propagator running in a separate process
        ExactlyOnceFixture fixture = new ExactlyOnceFixture(kafka.bootstrapServers(), "eo-kill");
        Map<TopicPartition, Long> ends = fixture.publishAll();
        Path log = Files.createTempFile("propagator-process", ".log");
        Process process = PropagatorProcess.launch(kafka.bootstrapServers(), fixture.topics, fixture.applicationId,
                stateDir, log);

        // when it is killed with SIGKILL once about half the events are committed
        long atKill;
        try {
            await().atMost(Duration.ofSeconds(120)).pollInterval(Duration.ofMillis(20))
                    .until(() -> fixture.committed() >= 50_000);
        } finally {
            process.destroyForcibly().waitFor();
        }
        atKill = fixture.committed();
        assertThat(atKill).as("committed when killed").isBetween(50_000L, 99_999L);

        // and a new instance takes over with the same application id and state directory
        try (ConfigStore store = ItSupport.store(ExactlyOnceFixture.config());
             ConfigView view = ConfigView.open(store, Clock.systemUTC());
             Propagator propagator = Propagator.create(PropagatorProcess.config(kafka.bootstrapServers(),
                     fixture.topics, fixture.applicationId, stateDir), view, Clock.systemUTC())) {
            propagator.start();
            fixture.awaitAllCommitted(Duration.ofSeconds(120));
        }

        // then, as without the kill: each key's events once each, in order, on every region topic
        fixture.verify(ends);
        Files.deleteIfExists(log);
    }
}
