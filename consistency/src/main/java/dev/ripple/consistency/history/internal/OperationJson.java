package dev.ripple.consistency.history.internal;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.consistency.Dot;
import dev.ripple.consistency.Position;
import dev.ripple.consistency.history.HistoryFormatException;
import dev.ripple.consistency.history.Operation;
import dev.ripple.consistency.history.ReadOp;
import dev.ripple.consistency.history.StalenessBound;
import dev.ripple.consistency.history.WriteOp;
import dev.ripple.consistency.internal.PositionJson;
import dev.ripple.consistency.internal.TopicPartitionKeys;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/** One operation's JSON object to a record; every error names the operation (index and id) and the field. */
final class OperationJson {

    private static final String[] WRITE_FIELDS = {"id", "type", "session", "key", "start_ms", "end_ms", "outcome", "dot",
        "token_in", "token_out"};
    private static final String[] READ_FIELDS = {"id", "type", "session", "key", "region", "start_ms", "end_ms", "outcome",
        "dot", "applied", "token_in", "token_out", "max_staleness"};

    private OperationJson() {
    }

    static Operation operation(JsonNode n, int i, Map<String, String> strings) {
        JsonNode idNode = n.get("id");
        String where = "operation #" + i + (idNode != null && idNode.isTextual() ? " (" + idNode.asText() + ")" : "");
        String type = text(n, "type", where);
        try {
            String id = text(n, "id", where);
            String session = intern(strings, text(n, "session", where));
            String key = intern(strings, text(n, "key", where));
            long start = number(n, "start_ms", where);
            long end = number(n, "end_ms", where);
            String outcome = text(n, "outcome", where).toUpperCase(Locale.ROOT);
            Dot dot = dot(n, where);
            Position in = position(n, "token_in", where);
            Position out = position(n, "token_out", where);
            if (type.equals("write")) {
                onlyFields(n, where, WRITE_FIELDS);
                return new WriteOp(id, session, key, start, end, WriteOp.Outcome.valueOf(enumValue(outcome, where,
                        WriteOp.Outcome.class)), dot, in, out);
            }
            if (type.equals("read")) {
                onlyFields(n, where, READ_FIELDS);
                JsonNode b = n.get("max_staleness");
                return new ReadOp(id, session, key, intern(strings, text(n, "region", where)), start, end,
                        ReadOp.Outcome.valueOf(enumValue(outcome, where, ReadOp.Outcome.class)), dot,
                        position(n, "applied", where), in, out, b == null || b.isNull() ? null : bound(b, where));
            }
            throw new HistoryFormatException("Invalid " + where + ": type is '" + type + "', expected write or read");
        } catch (IllegalArgumentException e) {
            throw new HistoryFormatException("Invalid " + where + ": " + e.getMessage(), e);
        }
    }

    static StalenessBound bound(JsonNode n, String where) {
        if (!n.isObject()) {
            throw new HistoryFormatException("Invalid max_staleness of " + where + ": expected {\"ms\":…,\"versions\":…}");
        }
        onlyFields(n, "max_staleness of " + where, "ms", "versions");
        long ms = n.has("ms") ? number(n, "ms", "max_staleness of " + where) : Long.MAX_VALUE;
        long versions = n.has("versions") ? number(n, "versions", "max_staleness of " + where) : Long.MAX_VALUE;
        try {
            return new StalenessBound(ms, versions);
        } catch (IllegalArgumentException e) {
            throw new HistoryFormatException("Invalid max_staleness of " + where + ": " + e.getMessage(), e);
        }
    }

    static void onlyFields(JsonNode n, String where, String... allowed) {
        Set<String> ok = Set.of(allowed);
        for (Map.Entry<String, JsonNode> e : n.properties()) {
            if (!ok.contains(e.getKey())) {
                throw new HistoryFormatException("Invalid " + where + ": unknown field \"" + e.getKey() + "\"; expected "
                        + String.join(", ", allowed));
            }
        }
    }

    static String text(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isTextual()) {
            throw new HistoryFormatException("Invalid " + where + ": \"" + field + "\" must be a string");
        }
        return v.asText();
    }

    static long number(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        if (v == null || !v.isIntegralNumber() || !v.canConvertToLong()) {
            throw new HistoryFormatException("Invalid " + where + ": \"" + field + "\" must be a whole number");
        }
        return v.longValue();
    }

    static String intern(Map<String, String> strings, String s) {
        String seen = strings.putIfAbsent(s, s);
        return seen == null ? s : seen;
    }

    private static Dot dot(JsonNode n, String where) {
        JsonNode v = n.get("dot");
        if (v == null || v.isNull()) {
            return null;
        }
        if (!v.isTextual()) {
            throw new HistoryFormatException("Invalid " + where + ": \"dot\" must be a string like \"edits:3@41\" or null");
        }
        return TopicPartitionKeys.parseDot(v.asText());
    }

    private static Position position(JsonNode n, String field, String where) {
        JsonNode v = n.get(field);
        return v == null || v.isNull() ? null : PositionJson.fromNode(v, where + " field " + field);
    }

    private static <E extends Enum<E>> String enumValue(String value, String where, Class<E> type) {
        for (E e : type.getEnumConstants()) {
            if (e.name().equals(value)) {
                return value;
            }
        }
        StringBuilder allowed = new StringBuilder();
        for (E e : type.getEnumConstants()) {
            allowed.append(allowed.length() == 0 ? "" : ", ").append(e.name().toLowerCase(Locale.ROOT));
        }
        throw new HistoryFormatException("Invalid " + where + ": outcome '" + value.toLowerCase(Locale.ROOT)
                + "', expected one of " + allowed);
    }
}
