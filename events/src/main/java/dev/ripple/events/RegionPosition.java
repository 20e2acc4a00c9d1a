package dev.ripple.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import dev.ripple.consistency.Position;
import dev.ripple.consistency.TopicPartitionKey;
import java.time.Instant;
import java.util.Collections;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;

/**
 * A region's applied position as its applier publishes it on {@code ripple.positions} (compacted, keyed by
 * region; DESIGN.md sections 4 and 5). A lower bound: everything it claims was durably applied before it was
 * sent, so a reader may trust it, never the other way round.
 *
 * @param region the region's name
 * @param applied per source topic-partition, the highest offset O such that every source record up to O routed
 *     to this region has been applied there
 * @param sourceDt per entry of {@code applied} ({@code topic:partition}), the source {@code dt} of the record or
 *     watermark that moved it last; an entry may be absent
 * @param publishedAt when the applier sent it
 * @param rebuilding source partitions out of service: the region's store lost their data and they are being
 *     rebuilt (DESIGN.md 7.1), so {@code applied} claims nothing of them until they serve again; empty when absent
 */
public record RegionPosition(String region, Position applied,
        @JsonProperty("source_dt") Map<String, Instant> sourceDt,
        @JsonProperty("published_at") Instant publishedAt,
        @JsonProperty("rebuilding") @JsonInclude(JsonInclude.Include.NON_EMPTY) Set<Integer> rebuilding) {

    public RegionPosition {
        TopicNames.requireName("region", region);
        Objects.requireNonNull(applied, "applied");
        Objects.requireNonNull(publishedAt, "publishedAt");
        TreeMap<String, Instant> copy = new TreeMap<>();
        (sourceDt == null ? Map.<String, Instant>of() : sourceDt).forEach((entry, dt) -> {
            TopicPartitionKey.parse(entry);
            copy.put(entry, Objects.requireNonNull(dt, () -> "source_dt of " + entry));
        });
        sourceDt = Collections.unmodifiableSortedMap(copy);
        rebuilding = rebuilding == null ? Set.of() : Collections.unmodifiableSortedSet(new TreeSet<>(rebuilding));
    }

    /** A position of a region whose partitions all serve. */
    public RegionPosition(String region, Position applied, Map<String, Instant> sourceDt, Instant publishedAt) {
        this(region, applied, sourceDt, publishedAt, Set.of());
    }

    /** Whether the region serves reads of {@code partition}: false while it is being rebuilt. */
    public boolean serves(int partition) {
        return !rebuilding.contains(partition);
    }

    /** Key prefix of cache-purge positions on {@code ripple.positions}; replica positions are keyed by region. */
    public static final String PURGE_KEY_PREFIX = "purge:";

    /**
     * Whether a {@code ripple.positions} record with this key is a cache purger's position rather than a replica's:
     * both carry the region's name in the value, so readers must tell them apart by key.
     */
    public static boolean isPurgePosition(String recordKey) {
        return recordKey != null && recordKey.startsWith(PURGE_KEY_PREFIX);
    }

    /** The source dt of one entry, or null if none is recorded. */
    public Instant sourceDt(TopicPartitionKey partition) {
        return sourceDt.get(partition.toString());
    }
}
