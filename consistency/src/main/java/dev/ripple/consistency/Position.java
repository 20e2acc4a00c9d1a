package dev.ripple.consistency;

import dev.ripple.consistency.internal.ByteReader;
import dev.ripple.consistency.internal.ByteWriter;
import dev.ripple.consistency.internal.PositionJson;
import dev.ripple.consistency.internal.VectorCodec;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.SortedMap;
import java.util.TreeMap;

/**
 * A position vector (DESIGN.md section 5): an epoch and a sparse map {@code topic:partition → offset}.
 * A missing entry counts as offset −1 ("nothing of that partition"). Immutable and thread-safe.
 *
 * <p>Positions of different epochs are not comparable: {@link #merge}, {@link #dominates} and
 * {@link #missingFrom} throw {@link EpochMismatchException} rather than guess. An epoch changes when a
 * source topic is recreated or repartitioned, so an older epoch's offsets describe records that no longer
 * exist; silently taking the newer epoch would turn an old token into "no token", which DESIGN.md forbids.
 *
 * <p>A class rather than a record: the entries are held in two sorted arrays, because histories hold
 * millions of positions and a map per position would not fit in memory.
 */
public final class Position {

    private static final TopicPartitionKey[] NONE = {};

    private final long epoch;
    private final TopicPartitionKey[] keys;
    private final long[] offsets;

    private Position(long epoch, TopicPartitionKey[] keys, long[] offsets) {
        this.epoch = epoch;
        this.keys = keys;
        this.offsets = offsets;
    }

    /**
     * @param epoch the epoch; at least 0
     * @return the position of that epoch with no entries
     * @throws IllegalArgumentException if the epoch is negative
     */
    public static Position empty(long epoch) {
        return new Position(checkEpoch(epoch), NONE, new long[0]);
    }

    /**
     * @param epoch the epoch; at least 0
     * @param offsets the entries; not null, no null keys, every offset at least 0 (leave −1 out)
     * @throws IllegalArgumentException if the epoch or an offset is negative
     */
    public static Position of(long epoch, Map<TopicPartitionKey, Long> offsets) {
        Objects.requireNonNull(offsets, "offsets");
        SortedMap<TopicPartitionKey, Long> sorted = new TreeMap<>(offsets);
        TopicPartitionKey[] ks = new TopicPartitionKey[sorted.size()];
        long[] os = new long[ks.length];
        int i = 0;
        for (Map.Entry<TopicPartitionKey, Long> e : sorted.entrySet()) {
            Long off = Objects.requireNonNull(e.getValue(), () -> "offset of " + e.getKey());
            if (off < 0) {
                throw new IllegalArgumentException("Invalid offset " + off + " for " + e.getKey()
                        + ": must be at least 0 (leave the entry out for 'nothing')");
            }
            ks[i] = e.getKey();
            os[i++] = off;
        }
        return new Position(checkEpoch(epoch), ks, os);
    }

    /** Shorthand for a one-entry position: {@code Position.of(1, "edits", 3, 41)}. */
    public static Position of(long epoch, String topic, int partition, long offset) {
        return of(epoch, Map.of(new TopicPartitionKey(topic, partition), offset));
    }

    /** @return the epoch, at least 0 */
    public long epoch() {
        return epoch;
    }

    /** @return the entries as a new unmodifiable sorted map (a copy: prefer {@link #offset} in loops) */
    public SortedMap<TopicPartitionKey, Long> offsets() {
        SortedMap<TopicPartitionKey, Long> map = new TreeMap<>();
        for (int i = 0; i < keys.length; i++) {
            map.put(keys[i], offsets[i]);
        }
        return Collections.unmodifiableSortedMap(map);
    }

    /** @return the partitions that have an entry, in order */
    public List<TopicPartitionKey> partitions() {
        return List.of(keys);
    }

    /** @return the offset for {@code partition}, or −1 if there is no entry */
    public long offset(TopicPartitionKey partition) {
        int i = Arrays.binarySearch(keys, Objects.requireNonNull(partition, "partition"));
        return i >= 0 ? offsets[i] : -1;
    }

    /** @return the number of entries */
    public int size() {
        return keys.length;
    }

    /** @return true if there are no entries */
    public boolean isEmpty() {
        return keys.length == 0;
    }

    /** @return a copy with the entry for {@code partition} set to exactly {@code offset} (≥ 0) */
    public Position withOffset(TopicPartitionKey partition, long offset) {
        SortedMap<TopicPartitionKey, Long> map = new TreeMap<>(offsets());
        map.put(Objects.requireNonNull(partition, "partition"), offset);
        return of(epoch, map);
    }

    /** @return true if this covers {@code dot}: its offset is at most this position's offset for its partition */
    public boolean covers(Dot dot) {
        return offset(dot.partition()) >= dot.offset();
    }

    /**
     * The pointwise maximum (the join of the lattice). Commutative, associative and idempotent.
     *
     * @throws EpochMismatchException if the epochs differ
     */
    public Position merge(Position other) {
        sameEpoch("merge", other);
        TopicPartitionKey[] ks = new TopicPartitionKey[keys.length + other.keys.length];
        long[] os = new long[ks.length];
        int i = 0;
        int j = 0;
        int n = 0;
        while (i < keys.length || j < other.keys.length) {
            int c = i == keys.length ? 1 : j == other.keys.length ? -1 : keys[i].compareTo(other.keys[j]);
            if (c < 0) {
                ks[n] = keys[i];
                os[n++] = offsets[i++];
            } else if (c > 0) {
                ks[n] = other.keys[j];
                os[n++] = other.offsets[j++];
            } else {
                ks[n] = keys[i];
                os[n++] = Math.max(offsets[i++], other.offsets[j++]);
            }
        }
        return new Position(epoch, Arrays.copyOf(ks, n), Arrays.copyOf(os, n));
    }

    /**
     * Pointwise ≥, a missing entry counting as −1: "everything {@code other} has seen, this has seen too".
     * A partial order on positions of one epoch.
     *
     * @throws EpochMismatchException if the epochs differ
     */
    public boolean dominates(Position other) {
        sameEpoch("compare", other);
        for (int j = 0; j < other.keys.length; j++) {
            if (offset(other.keys[j]) < other.offsets[j]) {
                return false;
            }
        }
        return true;
    }

    /**
     * The entries where this position is behind {@code other}, with the gap; empty exactly when
     * {@code this.dominates(other)}. Typical use: {@code applied.missingFrom(sessionVector)}.
     *
     * @throws EpochMismatchException if the epochs differ
     */
    public List<Shortfall> missingFrom(Position other) {
        sameEpoch("compare", other);
        List<Shortfall> result = new ArrayList<>();
        for (int j = 0; j < other.keys.length; j++) {
            long have = offset(other.keys[j]);
            if (have < other.offsets[j]) {
                result.add(new Shortfall(other.keys[j], have, other.offsets[j]));
            }
        }
        return List.copyOf(result);
    }

    /** @return the compact binary form: varint epoch, then the vector format of {@code VectorCodec} */
    public byte[] toBytes() {
        ByteWriter out = new ByteWriter();
        out.writeVarLong(epoch);
        VectorCodec.write(offsets(), out);
        return out.toByteArray();
    }

    /** @throws IllegalArgumentException if {@code bytes} is not a position written by {@link #toBytes} */
    public static Position fromBytes(byte[] bytes) {
        ByteReader in = new ByteReader(Objects.requireNonNull(bytes, "bytes"));
        try {
            long epoch = in.readVarLong();
            Position p = of(epoch, VectorCodec.read(in));
            if (!in.atEnd()) {
                throw new IllegalArgumentException(in.remaining() + " trailing bytes");
            }
            return p;
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("Invalid binary position: " + e.getMessage(), e);
        }
    }

    /** @return the JSON form, {@code {"epoch":1,"offsets":{"edits:0":17,"edits:3":41}}} */
    public String toJson() {
        return PositionJson.toJson(this);
    }

    /** @throws IllegalArgumentException if {@code json} is not the JSON form of a position, naming the problem */
    public static Position fromJson(String json) {
        return PositionJson.fromJson(Objects.requireNonNull(json, "json"));
    }

    private void sameEpoch(String operation, Position other) {
        Objects.requireNonNull(other, "other");
        if (other.epoch != epoch) {
            throw new EpochMismatchException(operation, epoch, other.epoch);
        }
    }

    private static long checkEpoch(long epoch) {
        if (epoch < 0) {
            throw new IllegalArgumentException("Invalid epoch " + epoch + ": must be at least 0");
        }
        return epoch;
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof Position p && p.epoch == epoch && Arrays.equals(p.keys, keys) && Arrays.equals(p.offsets, offsets);
    }

    @Override
    public int hashCode() {
        return (Long.hashCode(epoch) * 31 + Arrays.hashCode(keys)) * 31 + Arrays.hashCode(offsets);
    }

    /** @return e.g. {@code epoch 1 {edits:0=17, edits:3=41}} */
    @Override
    public String toString() {
        StringBuilder sb = new StringBuilder("epoch ").append(epoch).append(" {");
        for (int i = 0; i < keys.length; i++) {
            sb.append(i == 0 ? "" : ", ").append(keys[i]).append('=').append(offsets[i]);
        }
        return sb.append('}').toString();
    }

    /**
     * One entry where a position is behind another.
     *
     * @param partition the partition; not null
     * @param have the offset this position has (−1 if none)
     * @param need the offset the other position has
     */
    public record Shortfall(TopicPartitionKey partition, long have, long need) {

        /** @throws IllegalArgumentException unless {@code -1 <= have < need} */
        public Shortfall {
            Objects.requireNonNull(partition, "partition");
            if (have < -1 || have >= need) {
                throw new IllegalArgumentException("Invalid shortfall for " + partition + ": have " + have + ", need " + need);
            }
        }

        /** @return how many offsets short, {@code need − have} */
        public long gap() {
            return need - have;
        }
    }
}
