package dev.ripple.consistency.internal;

import dev.ripple.consistency.TopicPartitionKey;
import java.util.Arrays;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * The compact binary form of a position's offsets, shared by {@code Position.toBytes} and the session token:
 *
 * <pre>
 * varint topicCount
 * per topic, in name order:
 *   varint nameLength, ASCII name
 *   varint runCount
 *   per run of consecutive partitions: varint skip (first partition − next expected), varint (length − 1)
 *   per partition, in order: zigzag varint (offset − previous offset of this topic; the first against 0)
 * </pre>
 *
 * Why deltas between partitions: a topic's partitions grow at similar rates (keys hash uniformly), so the
 * deltas are small even when the offsets are large; that is what keeps a 36-partition token under 200 bytes.
 */
public final class VectorCodec {

    private static final int MAX_PARTITION = Integer.MAX_VALUE;

    private VectorCodec() {
    }

    /** Writes {@code offsets} (sorted, offsets ≥ 0). */
    public static void write(SortedMap<TopicPartitionKey, Long> offsets, ByteWriter out) {
        Map<String, SortedMap<Integer, Long>> byTopic = new TreeMap<>();
        offsets.forEach((tp, off) -> byTopic.computeIfAbsent(tp.topic(), t -> new TreeMap<>()).put(tp.partition(), off));
        out.writeVarLong(byTopic.size());
        byTopic.forEach((topic, parts) -> {
            out.writeAscii(topic);
            int[] ps = parts.keySet().stream().mapToInt(Integer::intValue).toArray();
            int runs = 0;
            for (int i = 0; i < ps.length; i++) {
                if (i == 0 || ps[i] != ps[i - 1] + 1) {
                    runs++;
                }
            }
            out.writeVarLong(runs);
            long expected = 0;
            for (int i = 0; i < ps.length; ) {
                int j = i;
                while (j + 1 < ps.length && ps[j + 1] == ps[j] + 1) {
                    j++;
                }
                out.writeVarLong(ps[i] - expected);
                out.writeVarLong(j - i);
                expected = (long) ps[j] + 1;
                i = j + 1;
            }
            long previous = 0;
            for (long off : parts.values()) {
                out.writeZigZag(off - previous);
                previous = off;
            }
        });
    }

    /** Reads what {@link #write} wrote. @throws IllegalArgumentException on any malformed input */
    public static SortedMap<TopicPartitionKey, Long> read(ByteReader in) {
        SortedMap<TopicPartitionKey, Long> result = new TreeMap<>();
        int topics = in.readVarInt(in.remaining(), "topic count");
        String previousTopic = null;
        for (int t = 0; t < topics; t++) {
            String topic = in.readAscii(in.readVarInt(249, "topic name length"));
            if (previousTopic != null && topic.compareTo(previousTopic) <= 0) {
                throw new IllegalArgumentException("topics not in strictly ascending order at '" + topic + "'");
            }
            previousTopic = topic;
            int runs = in.readVarInt(in.remaining(), "run count");
            long expected = 0;
            long count = 0;
            long[] partitions = new long[16];
            for (int r = 0; r < runs; r++) {
                long start = expected + in.readVarInt(MAX_PARTITION, "partition skip");
                long length = in.readVarInt(MAX_PARTITION, "run length") + 1L;
                if (start + length - 1 > MAX_PARTITION || count + length > in.remaining()) {
                    throw new IllegalArgumentException("run of " + length + " partitions from " + start + " exceeds the input");
                }
                for (long p = start; p < start + length; p++) {
                    if (count == partitions.length) {
                        partitions = Arrays.copyOf(partitions, partitions.length * 2);
                    }
                    partitions[(int) count++] = p;
                }
                expected = start + length;
            }
            long previous = 0;
            for (int i = 0; i < count; i++) {
                long offset;
                try {
                    offset = Math.addExact(previous, in.readZigZag());
                } catch (ArithmeticException e) {
                    throw new IllegalArgumentException("offset overflows for " + topic + ":" + partitions[i]);
                }
                if (offset < 0) {
                    throw new IllegalArgumentException("negative offset " + offset + " for " + topic + ":" + partitions[i]);
                }
                result.put(new TopicPartitionKey(topic, (int) partitions[i]), offset);
                previous = offset;
            }
        }
        return result;
    }
}
