package dev.ripple.propagator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.events.SourcePosition;
import java.time.Instant;
import java.util.Map;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.processor.api.MockProcessorContext;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;
import org.junit.jupiter.api.Test;

class StoredPositionsTest {
    private static final Instant AT = Instant.parse("2026-12-07T10:00:00.123Z");
    private final MockProcessorContext<String, Routed> context = new MockProcessorContext<>();

    @Test
    void shouldKeepEachTopicsPositionBesideTheKeysVersionsAndReadBackOnlyThePositions() {
        KeyValueStore<String, KeyVersion> versions = store("key-versions", KeyVersion.serde());
        // a key of the gate, whose version must stay what it is and never read as a position
        versions.put("ripple.stream.edits\nenwiki:Main_Page", new KeyVersion(7L, 40));

        StoredPositions.put(versions, new SourcePosition("ripple.stream.edits", 3, 41, AT));
        StoredPositions.put(versions, new SourcePosition("ripple.stream.edits", 3, 42, AT.plusMillis(5)));
        StoredPositions.put(versions, new SourcePosition("ripple.derived", 3, 9, AT));

        assertThat(StoredPositions.readAll(versions, 3)).isEqualTo(Map.of(
                "ripple.stream.edits", new SourcePosition("ripple.stream.edits", 3, 42, AT.plusMillis(5)),
                "ripple.derived", new SourcePosition("ripple.derived", 3, 9, AT)));
        assertThat(versions.get("ripple.stream.edits\nenwiki:Main_Page")).isEqualTo(new KeyVersion(7L, 40));
    }

    @Test
    void shouldCopyOnlyPositionsTheGatesStoreLacksThenEmptyTheFormerStoreAtTheStartAfter() {
        KeyValueStore<String, SourcePosition> former = store("source-progress", SourcePositionSerde.serde());
        KeyValueStore<String, KeyVersion> versions = store("key-versions", KeyVersion.serde());
        former.put("ripple.stream.edits", new SourcePosition("ripple.stream.edits", 0, 10, AT));
        former.put("ripple.stream.talk", new SourcePosition("ripple.stream.talk", 0, 5, AT));
        // a topic recreated since the former store's position: its offsets began again
        former.put("ripple.derived", new SourcePosition("ripple.derived", 0, 800, AT));
        StoredPositions.put(versions, new SourcePosition("ripple.stream.talk", 0, 7, AT.plusSeconds(1)));
        StoredPositions.put(versions, new SourcePosition("ripple.derived", 0, 3, AT.plusSeconds(1)));

        // a task's first start: the position the gate's store lacks is copied, and none it has is replaced
        assertThat(StoredPositions.moveFrom(former, versions)).isEqualTo(1);
        Map<String, SourcePosition> expected = Map.of(
                "ripple.stream.edits", new SourcePosition("ripple.stream.edits", 0, 10, AT),
                "ripple.stream.talk", new SourcePosition("ripple.stream.talk", 0, 7, AT.plusSeconds(1)),
                "ripple.derived", new SourcePosition("ripple.derived", 0, 3, AT.plusSeconds(1)));
        assertThat(StoredPositions.readAll(versions, 0)).isEqualTo(expected);
        // and the copied one stays in the former store until the copy is committed
        assertThat(former.get("ripple.stream.edits")).isNotNull();
        assertThat(former.approximateNumEntries()).isEqualTo(1);

        // the start after: nothing more to copy, and the former store is empty
        assertThat(StoredPositions.moveFrom(former, versions)).isZero();
        assertThat(former.approximateNumEntries()).isZero();
        assertThat(StoredPositions.readAll(versions, 0)).isEqualTo(expected);
    }

    private <V> KeyValueStore<String, V> store(String name, Serde<V> values) {
        KeyValueStore<String, V> store = Stores.keyValueStoreBuilder(Stores.inMemoryKeyValueStore(name),
                Serdes.String(), values).withLoggingDisabled().build();
        store.init(context.getStateStoreContext(), store);
        return store;
    }
}
