package dev.ripple.bench.scenarios;

import java.util.Arrays;
import java.util.List;
import java.util.Objects;
import org.apache.kafka.common.serialization.Serdes;
import org.apache.kafka.streams.Topology;
import org.apache.kafka.streams.processor.api.Processor;
import org.apache.kafka.streams.processor.api.ProcessorContext;
import org.apache.kafka.streams.processor.api.Record;
import org.apache.kafka.streams.state.KeyValueStore;
import org.apache.kafka.streams.state.Stores;

/**
 * The fan-out pass-through: per source record, the records the propagator writes (as many, as large, to topics of
 * the same kinds) and a keyed store put with a changelog, all made by copying the source value's bytes; nothing is
 * parsed. Each output's value is the source value resized to the output's size: cut short, or padded with spaces
 * (JSON whitespace, so a padded copy still reads as the source event).
 */
final class FanOutTopology {
    /** The store every record is put into, keyed by the record's key; cached, with a changelog. */
    static final String STORE = "fan-out-store";
    private static final String SOURCE = "source";
    private static final String PROCESSOR = "fan-out";
    /** Rounding slack of the owed records: 1/3 added three times is owed as one whole record. */
    private static final double WHOLE = 1 - 1e-9;

    private FanOutTopology() {}

    /**
     * What one output topic receives.
     *
     * @param topic the topic written
     * @param perEvent records per source record; a fraction is owed and written once whole (0.5: every other)
     * @param valueBytes the size of each record's value
     */
    record Output(String topic, double perEvent, int valueBytes) {
        Output {
            Objects.requireNonNull(topic, "topic");
            if (perEvent < 0 || valueBytes < 0) {
                throw new IllegalArgumentException("perEvent and valueBytes must not be negative");
            }
        }
    }

    /**
     * @param source the topic read
     * @param outputs what each source record writes
     * @param storeValueBytes the size of the value put into {@link #STORE} per record
     */
    static Topology build(String source, List<Output> outputs, int storeValueBytes) {
        List<Output> copy = List.copyOf(outputs);
        Topology topology = new Topology();
        topology.addSource(SOURCE, Serdes.String().deserializer(), Serdes.ByteArray().deserializer(), source);
        topology.addProcessor(PROCESSOR, () -> new FanOut(copy, storeValueBytes), SOURCE);
        topology.addStateStore(Stores.keyValueStoreBuilder(Stores.persistentKeyValueStore(STORE), Serdes.String(),
                Serdes.ByteArray()).withCachingEnabled(), PROCESSOR);
        for (int i = 0; i < copy.size(); i++) {
            topology.addSink(sink(i), copy.get(i).topic(), Serdes.String().serializer(),
                    Serdes.ByteArray().serializer(), PROCESSOR);
        }
        return topology;
    }

    private static String sink(int output) {
        return "sink-" + output;
    }

    /** {@code value} resized to {@code size}: cut short, or padded with spaces. */
    static byte[] resize(byte[] value, int size) {
        byte[] copy = Arrays.copyOf(value, size);
        if (size > value.length) {
            Arrays.fill(copy, value.length, size, (byte) ' ');
        }
        return copy;
    }

    private static final class FanOut implements Processor<String, byte[], String, byte[]> {
        private final List<Output> outputs;
        private final int storeValueBytes;
        private final double[] owed;
        private ProcessorContext<String, byte[]> context;
        private KeyValueStore<String, byte[]> store;

        FanOut(List<Output> outputs, int storeValueBytes) {
            this.outputs = outputs;
            this.storeValueBytes = storeValueBytes;
            this.owed = new double[outputs.size()];
        }

        @Override
        public void init(ProcessorContext<String, byte[]> context) {
            this.context = context;
            this.store = context.getStateStore(STORE);
        }

        @Override
        public void process(Record<String, byte[]> record) {
            store.put(record.key(), resize(record.value(), storeValueBytes));
            for (int i = 0; i < owed.length; i++) {
                Output output = outputs.get(i);
                owed[i] += output.perEvent();
                if (owed[i] >= WHOLE) {
                    byte[] value = resize(record.value(), output.valueBytes());
                    for (; owed[i] >= WHOLE; owed[i]--) {
                        context.forward(record.withValue(value), sink(i));
                    }
                }
            }
        }
    }
}
