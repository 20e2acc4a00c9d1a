package dev.ripple.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import java.util.List;
import java.util.Objects;

/**
 * "Resource {@code key} changed": the event upstream services publish, as JSON Schema
 * {@code schemas/edit/1.0.0.json} describes it (DESIGN.md section 3). Immutable.
 *
 * <p>Instances made from JSON should first pass {@link EditEventValidator}; the constructor checks only what Java
 * itself needs (required fields present, weight not negative).
 *
 * @param schema the schema URI, {@code /ripple/edit/1.0.0}; may be null (then 1.0.0 is meant)
 * @param key the resource key; it is also the Kafka record key, so one key's edits stay in order
 * @param op what happened; {@link Op#UPSERT} when absent on the wire
 * @param revision the source of truth's version; older ones are dropped by the propagator; may be null
 * @param baseRevision the revision this write was based on, for write-after-read checks; may be null
 * @param contentType the body's media type; required with a body
 * @param body the new content (UTF-8 text, or base64 per content type); may be null
 * @param tags cache tags to purge with the key; empty when none
 * @param weight the write's weight in its conit's numerical error; 1 when absent
 * @param rootEvent the event that started a chain of derived events; may be null
 * @param triggeredBy the {@code meta.id} of the event whose change derived this one; may be null
 * @param uses what this resource reads (DESIGN.md section 14), replacing what it declared before; null leaves that
 *     declaration as it is, empty declares that it uses nothing
 * @param changedParts the parts of this resource that changed, for the dependents that read only some; null for all
 * @param depth how many derivations lie between this event and its root: 0 or null for an edit made upstream
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record EditEvent(
        @JsonProperty("$schema") String schema,
        EventMeta meta,
        String key,
        Op op,
        Long revision,
        @JsonProperty("base_revision") Long baseRevision,
        @JsonProperty("content_type") String contentType,
        String body,
        @JsonInclude(JsonInclude.Include.NON_EMPTY) List<String> tags,
        Double weight,
        @JsonProperty("root_event") RootEvent rootEvent,
        @JsonProperty("triggered_by") String triggeredBy,
        List<Dependency> uses,
        @JsonProperty("changed_parts") List<String> changedParts,
        Integer depth) {

    /** The schema URI of the events this version of Ripple writes. */
    public static final String SCHEMA = "/ripple/edit/1.0.0";

    public EditEvent {
        Objects.requireNonNull(meta, "meta");
        Objects.requireNonNull(key, "key");
        op = op == null ? Op.UPSERT : op;
        tags = tags == null ? List.of() : List.copyOf(tags);
        if (weight != null && (weight < 0 || weight.isNaN())) {
            throw new IllegalArgumentException("weight must be a non-negative number, was " + weight);
        }
        uses = uses == null ? null : List.copyOf(uses);
        changedParts = changedParts == null ? null : List.copyOf(changedParts);
        if (depth != null && depth < 0) {
            throw new IllegalArgumentException("depth must not be negative, was " + depth);
        }
    }

    /** An event that declares no dependencies and was not derived. */
    public EditEvent(String schema, EventMeta meta, String key, Op op, Long revision, Long baseRevision,
            String contentType, String body, List<String> tags, Double weight, RootEvent rootEvent,
            String triggeredBy) {
        this(schema, meta, key, op, revision, baseRevision, contentType, body, tags, weight, rootEvent, triggeredBy,
                null, null, null);
    }

    /** A minimal upsert, mostly for tests and examples. */
    public static EditEvent upsert(EventMeta meta, String key, long revision, String contentType, String body) {
        return new EditEvent(SCHEMA, meta, key, Op.UPSERT, revision, null, contentType, body, List.of(), null,
                null, null);
    }

    /** The conit weight: {@link #weight()} or 1. */
    public double effectiveWeight() {
        return weight == null ? 1.0 : weight;
    }

    /** The derivation depth: {@link #depth()} or 0. */
    public int effectiveDepth() {
        return depth == null ? 0 : depth;
    }

    public EditEvent withMeta(EventMeta newMeta) {
        return new EditEvent(schema, newMeta, key, op, revision, baseRevision, contentType, body, tags, weight,
                rootEvent, triggeredBy, uses, changedParts, depth);
    }
}
