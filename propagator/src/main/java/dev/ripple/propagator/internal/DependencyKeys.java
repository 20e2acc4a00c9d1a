package dev.ripple.propagator.internal;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import org.apache.kafka.common.utils.Bytes;

/**
 * Keys of the dependency stores, in bytes so that RocksDB's byte order makes ranges. An index entry is the
 * dependency's length (4 bytes), the dependency, then the dependent, all UTF-8: every entry of one dependency
 * shares a prefix no other dependency's entry has (keys may hold any character, so no separator would do), and a
 * walk goes on from any dependent. A due entry is the due time (8 bytes, big-endian) then the dependent, so a range
 * up to now finds what is due in time order.
 */
final class DependencyKeys {
    /** Above every byte of UTF-8, which never uses 0xFF: the end of a prefix's range. */
    private static final byte AFTER_ALL = (byte) 0xFF;

    private DependencyKeys() {}

    static Bytes edge(String dependency, String dependent) {
        byte[] prefix = prefix(dependency);
        byte[] tail = dependent.getBytes(StandardCharsets.UTF_8);
        byte[] key = Arrays.copyOf(prefix, prefix.length + tail.length);
        System.arraycopy(tail, 0, key, prefix.length, tail.length);
        return Bytes.wrap(key);
    }

    /** The first index key after {@code dependent}'s among {@code dependency}'s; after none: the first of them. */
    static Bytes walkFrom(String dependency, String after) {
        if (after == null) {
            return Bytes.wrap(prefix(dependency));
        }
        byte[] key = edge(dependency, after).get();
        return Bytes.wrap(Arrays.copyOf(key, key.length + 1)); // + 0x00: the next key in byte order
    }

    /** Above every index key of {@code dependency}, below every key of any other. */
    static Bytes walkTo(String dependency) {
        byte[] prefix = prefix(dependency);
        byte[] key = Arrays.copyOf(prefix, prefix.length + 1);
        key[prefix.length] = AFTER_ALL;
        return Bytes.wrap(key);
    }

    /** The dependent of an index key. */
    static String dependentOf(Bytes edge) {
        byte[] key = edge.get();
        int length = ByteBuffer.wrap(key, 0, 4).getInt();
        return new String(key, 4 + length, key.length - 4 - length, StandardCharsets.UTF_8);
    }

    static Bytes due(long dueMillis, String dependent) {
        byte[] tail = dependent.getBytes(StandardCharsets.UTF_8);
        return Bytes.wrap(ByteBuffer.allocate(8 + tail.length).putLong(dueMillis).put(tail).array());
    }

    /** Above every due key at or before {@code nowMillis}. */
    static Bytes dueBy(long nowMillis) {
        return Bytes.wrap(ByteBuffer.allocate(9).putLong(nowMillis).put(AFTER_ALL).array());
    }

    /** At or below every due key at or after {@code fromMillis}. */
    static Bytes dueFrom(long fromMillis) {
        return Bytes.wrap(ByteBuffer.allocate(8).putLong(Math.max(0, fromMillis)).array());
    }

    /** The due time a due key holds. */
    static long dueTimeOf(Bytes due) {
        return ByteBuffer.wrap(due.get(), 0, 8).getLong();
    }

    static String dependentOfDue(Bytes due) {
        byte[] key = due.get();
        return new String(key, 8, key.length - 8, StandardCharsets.UTF_8);
    }

    private static byte[] prefix(String dependency) {
        byte[] head = dependency.getBytes(StandardCharsets.UTF_8);
        return ByteBuffer.allocate(4 + head.length).putInt(head.length).put(head).array();
    }
}
