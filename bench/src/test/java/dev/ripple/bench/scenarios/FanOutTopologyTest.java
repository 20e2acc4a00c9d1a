package dev.ripple.bench.scenarios;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Properties;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.StreamsConfig;
import org.apache.kafka.streams.TestInputTopic;
import org.apache.kafka.streams.TestOutputTopic;
import org.apache.kafka.streams.TopologyTestDriver;
import org.apache.kafka.streams.state.KeyValueStore;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What the fan-out pass-through writes per source record: counts, sizes, the store put. */
class FanOutTopologyTest {
    private static final byte[] EVENT = "{\"key\":\"k\",\"revision\":7}".getBytes(StandardCharsets.UTF_8);

    @TempDir
    Path stateDir;

    @Test
    void shouldWriteTheOwedRecordsOfEachOutputPerInputAtTheirSizes() {
        List<FanOutTopology.Output> outputs = List.of(new FanOutTopology.Output("replicate", 3, 60),
                new FanOutTopology.Output("conit", 1, 10), new FanOutTopology.Output("watermark", 0.5, 40),
                new FanOutTopology.Output("rare", 1.0 / 3, 5));
        try (TopologyTestDriver driver = new TopologyTestDriver(FanOutTopology.build("in", outputs, 16),
                props())) {
            TestInputTopic<String, byte[]> in = driver.createInputTopic("in", Serdes.String().serializer(),
                    Serdes.ByteArray().serializer());
            for (int i = 0; i < 6; i++) {
                in.pipeInput("k" + i, EVENT);
            }

            List<byte[]> replicated = values(driver, "replicate");
            assertThat(replicated).hasSize(18).allSatisfy(v -> assertThat(v).hasSize(60));
            // the source bytes, padded with JSON whitespace: still the event, as the read-back parses it
            assertThat(new String(replicated.get(0), StandardCharsets.UTF_8).strip())
                    .isEqualTo(new String(EVENT, StandardCharsets.UTF_8));
            assertThat(BenchEvents.revision(replicated.get(0))).isEqualTo(7L);
            assertThat(values(driver, "conit")).hasSize(6).allSatisfy(v -> assertThat(v).hasSize(10));
            assertThat(values(driver, "watermark")).hasSize(3).allSatisfy(v -> assertThat(v).hasSize(40));
            assertThat(values(driver, "rare")).hasSize(2);
            KeyValueStore<String, byte[]> store = driver.getKeyValueStore(FanOutTopology.STORE);
            assertThat(store.approximateNumEntries()).isEqualTo(6);
            assertThat(store.get("k5")).hasSize(16);
            assertThat(driver.producedTopicNames()).contains("fan-out-test-" + FanOutTopology.STORE + "-changelog");
        }
    }

    @Test
    void shouldKeepEachRecordsKeySoRegionCopiesLandInTheSourcePartition() {
        try (TopologyTestDriver driver = new TopologyTestDriver(FanOutTopology.build("in",
                List.of(new FanOutTopology.Output("out", 2, 8)), 4), props())) {
            driver.createInputTopic("in", Serdes.String().serializer(), Serdes.ByteArray().serializer())
                    .pipeInput("enwiki:Page_1", EVENT);
            TestOutputTopic<String, byte[]> out = driver.createOutputTopic("out", Serdes.String().deserializer(),
                    Serdes.ByteArray().deserializer());
            assertThat(out.readKeyValuesToList()).extracting(kv -> kv.key)
                    .containsExactly("enwiki:Page_1", "enwiki:Page_1");
        }
    }

    private static List<byte[]> values(TopologyTestDriver driver, String topic) {
        return driver.createOutputTopic(topic, Serdes.String().deserializer(), Serdes.ByteArray().deserializer())
                .readValuesToList();
    }

    private Properties props() {
        Properties props = new Properties();
        props.put(StreamsConfig.APPLICATION_ID_CONFIG, "fan-out-test");
        props.put(StreamsConfig.BOOTSTRAP_SERVERS_CONFIG, "unused:9092");
        props.put(StreamsConfig.STATE_DIR_CONFIG, stateDir.toString());
        return props;
    }
}
