package dev.ripple.propagator;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.events.ConitLogEntry;
import dev.ripple.events.EditEvent;
import dev.ripple.events.SourcePosition;
import dev.ripple.testsupport.TestEvents;
import java.util.List;
import org.apache.kafka.streams.test.TestRecord;
import org.junit.jupiter.api.Test;

class ConitLogTopologyTest {

    @Test
    void shouldAppendEveryAcceptedWriteOfAConitWithItsSourcePositionAndWeight() {
        // given conit enwiki-pages over enwiki:* and a rule replicating to eqiad
        try (TopologyFixture fixture = new TopologyFixture(TestConfig.regions("eqiad")
                .with(TestConfig.conit("enwiki-pages", "enwiki:*")).with(TestConfig.replicateAll("r", "eqiad"))
                .ruleSet(1))) {

            // when an enwiki write with weight 2.5, a dewiki write and a stale enwiki write arrive
            EditEvent weighted = TestEvents.upsert("enwiki:A", 2);
            weighted = new EditEvent(weighted.schema(), weighted.meta(), weighted.key(), weighted.op(), 2L, null,
                    weighted.contentType(), weighted.body(), List.of(), 2.5, null, null);
            fixture.publish(weighted);
            fixture.publish(TestEvents.upsert("dewiki:B", 1));
            fixture.publish(TestEvents.upsert("enwiki:A", 1));

            // then only the accepted enwiki write is in the conit log, keyed by conit
            List<TestRecord<String, ConitLogEntry>> log = fixture.conitLog();
            assertThat(log).singleElement().satisfies(record -> {
                assertThat(record.key()).isEqualTo("enwiki-pages");
                assertThat(record.value()).isEqualTo(new ConitLogEntry("enwiki-pages",
                        new SourcePosition("ripple.stream.edits", 0, 0, TopologyFixture.NOW), 2.5));
            });
        }
    }
}
