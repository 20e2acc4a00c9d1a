package dev.ripple.prober;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.time.Instant;
import java.util.Objects;

/**
 * A sampled write a target had not served at a delay the prober records, with where it stalled: one record per
 * region, target and write in {@code ripple.probe-inconsistencies} (compacted; each later look at the same pair
 * replaces it).
 *
 * @param region the region of the target
 * @param target {@code replica} or {@code purge/<name>}
 * @param stream the write's stream
 * @param key the resource key
 * @param revision the write's revision; null if it had none
 * @param dot the write's place in the source log, {@code <topic>:<partition>@<offset>}
 * @param hop where it stalled: propagator, applier, read-api, purger, cache-fill, cache-read
 * @param withinSeconds the latest delay at which it was still not served
 * @param observed what the target answered then
 * @param writtenAt when the write was acknowledged
 * @param checkedAt when the target was last looked at
 * @param resolvedWithinSeconds the first delay at which it was served, once it was; null while it is not
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record Inconsistency(String region, String target, String stream, String key, Long revision, String dot,
        String hop, @JsonProperty("within_s") double withinSeconds, String observed,
        @JsonProperty("written_at") Instant writtenAt, @JsonProperty("checked_at") Instant checkedAt,
        @JsonProperty("resolved_within_s") Double resolvedWithinSeconds) {
    public Inconsistency {
        Objects.requireNonNull(region, "region");
        Objects.requireNonNull(target, "target");
        Objects.requireNonNull(key, "key");
        Objects.requireNonNull(dot, "dot");
        Objects.requireNonNull(hop, "hop");
    }

    /** Its key in the compacted topic: one record per region, target and write. */
    public String recordKey() {
        return region + " " + target + " " + dot;
    }

    /** The same inconsistency, found served at {@code withinSeconds}. */
    public Inconsistency resolved(double within, Instant at) {
        return new Inconsistency(region, target, stream, key, revision, dot, hop, withinSeconds, observed, writtenAt,
                at, within);
    }
}
