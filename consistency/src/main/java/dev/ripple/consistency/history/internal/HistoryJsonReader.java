package dev.ripple.consistency.history.internal;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.consistency.history.Apply;
import dev.ripple.consistency.history.History;
import dev.ripple.consistency.history.HistoryFormatException;
import dev.ripple.consistency.history.Operation;
import dev.ripple.consistency.history.StalenessBound;
import dev.ripple.consistency.internal.PositionJson;
import dev.ripple.consistency.internal.TopicPartitionKeys;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Streams a history: the top level is parsed token by token, each operation and apply entry as a small tree,
 * so memory holds the records and not the document. Strict: unknown fields are errors (typos would otherwise
 * silently disable a check).
 */
public final class HistoryJsonReader {

    public static final String FORMAT = "ripple-history/1";

    private final JsonParser parser;
    private final Map<String, String> strings = new HashMap<>();

    private HistoryJsonReader(JsonParser parser) {
        this.parser = parser;
    }

    public static History read(InputStream in) {
        try (JsonParser parser = PositionJson.MAPPER.getFactory().createParser(in)) {
            parser.disable(JsonParser.Feature.AUTO_CLOSE_SOURCE);
            return new HistoryJsonReader(parser).readHistory();
        } catch (JsonProcessingException e) {
            throw new HistoryFormatException("Invalid history JSON at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr() + ": " + e.getOriginalMessage(), e);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private History readHistory() throws IOException {
        expect(parser.nextToken(), JsonToken.START_OBJECT, "the history");
        List<Operation> ops = new ArrayList<>();
        Map<String, List<Apply>> applies = new TreeMap<>();
        boolean converged = false;
        StalenessBound bound = StalenessBound.UNBOUNDED;
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String field = parser.currentName();
            JsonToken value = parser.nextToken();
            switch (field) {
                case "format" -> {
                    String format = parser.getValueAsString();
                    if (!FORMAT.equals(format)) {
                        throw new HistoryFormatException("Invalid history: format is '" + format + "', this checker reads '"
                                + FORMAT + "'");
                    }
                }
                case "converged" -> {
                    if (!value.isBoolean()) {
                        throw new HistoryFormatException("Invalid history: \"converged\" must be true or false");
                    }
                    converged = parser.getBooleanValue();
                }
                case "max_staleness" -> bound = OperationJson.bound(PositionJson.MAPPER.readTree(parser), "the history");
                case "operations" -> readOperations(ops);
                case "applies" -> readApplies(applies);
                default -> throw new HistoryFormatException("Invalid history: unknown field \"" + field
                        + "\"; expected format, converged, max_staleness, operations, applies");
            }
        }
        try {
            return new History(ops, applies, converged, bound);
        } catch (IllegalArgumentException e) {
            throw new HistoryFormatException(e.getMessage(), e);
        }
    }

    private void readOperations(List<Operation> ops) throws IOException {
        expect(parser.currentToken(), JsonToken.START_ARRAY, "\"operations\"");
        while (parser.nextToken() == JsonToken.START_OBJECT) {
            JsonNode node = PositionJson.MAPPER.readTree(parser);
            ops.add(OperationJson.operation(node, ops.size(), strings));
        }
        expect(parser.currentToken(), JsonToken.END_ARRAY, "\"operations\" (every element must be an object)");
    }

    private void readApplies(Map<String, List<Apply>> applies) throws IOException {
        expect(parser.currentToken(), JsonToken.START_OBJECT, "\"applies\"");
        while (parser.nextToken() == JsonToken.FIELD_NAME) {
            String replica = parser.currentName();
            expect(parser.nextToken(), JsonToken.START_ARRAY, "the apply log of replica " + replica);
            List<Apply> log = new ArrayList<>();
            while (parser.nextToken() == JsonToken.START_OBJECT) {
                log.add(apply(PositionJson.MAPPER.readTree(parser), replica, log.size()));
            }
            expect(parser.currentToken(), JsonToken.END_ARRAY, "the apply log of replica " + replica);
            applies.put(replica, log);
        }
    }

    private Apply apply(JsonNode node, String replica, int i) {
        String where = "apply " + replica + "#" + i;
        OperationJson.onlyFields(node, where, "dot", "key", "at_ms");
        try {
            return new Apply(TopicPartitionKeys.parseDot(OperationJson.text(node, "dot", where)),
                    OperationJson.intern(strings, OperationJson.text(node, "key", where)),
                    OperationJson.number(node, "at_ms", where));
        } catch (IllegalArgumentException e) {
            throw new HistoryFormatException("Invalid " + where + ": " + e.getMessage(), e);
        }
    }

    private void expect(JsonToken got, JsonToken want, String what) {
        if (got != want) {
            throw new HistoryFormatException("Invalid history: expected " + describe(want) + " for " + what + " at line "
                    + parser.currentLocation().getLineNr() + ", found " + got);
        }
    }

    private static String describe(JsonToken t) {
        return switch (t) {
            case START_OBJECT -> "an object";
            case START_ARRAY -> "an array";
            case END_ARRAY -> "the end of the array";
            default -> t.toString();
        };
    }
}
