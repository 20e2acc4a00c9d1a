package dev.ripple.consistency.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ripple.consistency.Position;
import dev.ripple.consistency.TopicPartitionKey;
import java.io.IOException;
import java.io.StringWriter;
import java.io.UncheckedIOException;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

/** JSON form of a position: {@code {"epoch":1,"offsets":{"edits:0":17}}}. */
public final class PositionJson {

    /** Shared, configured once; ObjectMapper is thread-safe after configuration. */
    public static final ObjectMapper MAPPER = new ObjectMapper();

    private PositionJson() {
    }

    public static String toJson(Position position) {
        StringWriter w = new StringWriter();
        try (JsonGenerator g = MAPPER.getFactory().createGenerator(w)) {
            write(g, position);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return w.toString();
    }

    public static void write(JsonGenerator g, Position position) throws IOException {
        g.writeStartObject();
        g.writeNumberField("epoch", position.epoch());
        g.writeObjectFieldStart("offsets");
        for (TopicPartitionKey tp : position.partitions()) {
            g.writeNumberField(tp.toString(), position.offset(tp));
        }
        g.writeEndObject();
        g.writeEndObject();
    }

    public static Position fromJson(String json) {
        JsonNode node;
        try {
            node = MAPPER.readTree(json);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("Invalid position JSON: " + e.getOriginalMessage(), e);
        }
        return fromNode(node, "position");
    }

    /**
     * @param where names the field for error messages, e.g. "operation r7 field token_in"
     * @throws IllegalArgumentException naming {@code where} and the problem
     */
    public static Position fromNode(JsonNode node, String where) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("Invalid " + where + ": expected an object {\"epoch\":…,\"offsets\":{…}}");
        }
        JsonNode epoch = node.get("epoch");
        if (epoch == null || !epoch.canConvertToLong() || !epoch.isIntegralNumber()) {
            throw new IllegalArgumentException("Invalid " + where + ": \"epoch\" must be a whole number");
        }
        JsonNode offsets = node.get("offsets");
        if (offsets != null && !offsets.isObject()) {
            throw new IllegalArgumentException("Invalid " + where + ": \"offsets\" must be an object of \"topic:partition\": offset");
        }
        SortedMap<TopicPartitionKey, Long> map = new TreeMap<>();
        if (offsets != null) {
            for (Map.Entry<String, JsonNode> e : offsets.properties()) {
                if (!e.getValue().isIntegralNumber() || !e.getValue().canConvertToLong()) {
                    throw new IllegalArgumentException("Invalid " + where + ": offset of " + e.getKey() + " must be a whole number");
                }
                try {
                    map.put(TopicPartitionKeys.parse(e.getKey()), e.getValue().longValue());
                } catch (IllegalArgumentException ex) {
                    throw new IllegalArgumentException("Invalid " + where + ": " + ex.getMessage(), ex);
                }
            }
        }
        try {
            return Position.of(epoch.longValue(), map);
        } catch (IllegalArgumentException ex) {
            throw new IllegalArgumentException("Invalid " + where + ": " + ex.getMessage(), ex);
        }
    }
}
