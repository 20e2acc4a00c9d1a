package dev.ripple.producer.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.ProducerDoc;
import dev.ripple.config.StreamDoc;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EditEventValidator;
import dev.ripple.events.EventJson;
import dev.ripple.events.ValidationProblem;
import java.time.Clock;
import java.util.List;
import java.util.Optional;
import java.util.TreeSet;
import java.util.UUID;

/**
 * Turns one JSON event of a request into a {@link Prepared}: fills {@code meta.id}, {@code meta.dt} and
 * {@code meta.origin} when absent, validates against the schema, and checks the stream exists, the producer may
 * write to it, and the event fits the stream's size limit. Thread-safe.
 */
final class EventPreparer {
    private final EditEventValidator validator;
    private final ObjectMapper converter = IntakeJson.converter();
    private final Clock clock;
    private final String origin;

    EventPreparer(EditEventValidator validator, Clock clock, String origin) {
        this.validator = validator;
        this.clock = clock;
        this.origin = origin;
    }

    Prepared prepare(int index, JsonNode node, ConfigSnapshot config, Optional<ProducerDoc> producer) {
        if (!node.isObject()) {
            return invalid(index, 400, null, node, "", "an event must be a JSON object, not " + node.getNodeType());
        }
        ObjectNode event = node.deepCopy();
        boolean idGiven = event.path("meta").has("id");
        String id = fillMeta(event);
        List<ValidationProblem> problems = validator.validate(event);
        if (!problems.isEmpty()) {
            return new Prepared.Invalid(index, 400, id, node, problems);
        }
        String stream = event.path("meta").path("stream").asText();
        StreamDoc streamDoc = config.streams().get(stream);
        if (streamDoc == null) {
            return invalid(index, 400, id, node, "/meta/stream", "unknown stream '" + stream + "'; known streams: "
                    + (config.streams().isEmpty() ? "(none configured)" : String.join(", ",
                            new TreeSet<>(config.streams().keySet()))));
        }
        if (producer.isPresent() && !producer.get().mayPublishTo(stream)) {
            return invalid(index, 403, id, node, "/meta/stream", "producer '" + producer.get().id()
                    + "' may not publish to stream '" + stream + "'");
        }
        EditEvent converted;
        try {
            converted = converter.treeToValue(event, EditEvent.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            return invalid(index, 400, id, node, "", e.getMessage());
        }
        byte[] json = recordValue(converted);
        if (json.length > streamDoc.maxEventBytes()) {
            return invalid(index, 413, id, node, "", "event is " + json.length + " bytes, over stream '" + stream
                    + "' limit of " + streamDoc.maxEventBytes() + " bytes (max_event_bytes)");
        }
        return new Prepared.Valid(index, converted, json, idGiven);
    }

    /** The event as its record value, which is what a stream's size limit bounds. */
    private static byte[] recordValue(EditEvent event) {
        try {
            return EventJson.mapper().writeValueAsBytes(event);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("A valid event could not be written as JSON", e);
        }
    }

    /** Fills the envelope fields the intake owns; returns the event id. */
    private String fillMeta(ObjectNode event) {
        JsonNode meta = event.get("meta");
        if (!(meta instanceof ObjectNode m)) {
            return null;
        }
        if (!m.has("id")) {
            m.put("id", UUID.randomUUID().toString());
        }
        if (!m.has("dt")) {
            m.put("dt", clock.instant().toString());
        }
        if (!m.has("origin") && origin != null) {
            m.put("origin", origin);
        }
        return m.path("id").isTextual() ? m.get("id").asText() : null;
    }

    private static Prepared invalid(int index, int status, String id, JsonNode raw, String pointer, String message) {
        return new Prepared.Invalid(index, status, id, raw, List.of(new ValidationProblem(pointer, message)));
    }
}
