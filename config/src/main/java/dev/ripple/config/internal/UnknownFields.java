package dev.ripple.config.internal;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import dev.ripple.config.Problem;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.util.Arrays;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * Finds fields a document's records do not have, walking nested records and lists of records. Jackson reports
 * unknown fields of a record only once its constructor succeeded, so an invalid document would hide them.
 */
final class UnknownFields {
    private static final PropertyNamingStrategies.SnakeCaseStrategy SNAKE =
            new PropertyNamingStrategies.SnakeCaseStrategy();

    private UnknownFields() {}

    static void check(JsonNode node, Class<?> type, String path, List<Problem> problems) {
        if (!type.isRecord() || !node.isObject()) {
            return;
        }
        Map<String, RecordComponent> components = Arrays.stream(type.getRecordComponents())
                .collect(Collectors.toMap(c -> SNAKE.translate(c.getName()), c -> c));
        for (Iterator<Map.Entry<String, JsonNode>> it = node.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> field = it.next();
            String at = path.isEmpty() ? field.getKey() : path + "." + field.getKey();
            RecordComponent component = components.get(field.getKey());
            if (component == null) {
                Set<String> known = new TreeSet<>(components.keySet());
                problems.add(new Problem(at, "unknown field; known fields are " + known));
            } else if (List.class.isAssignableFrom(component.getType()) && field.getValue().isArray()) {
                Class<?> element = elementType(component.getGenericType());
                for (int i = 0; i < field.getValue().size(); i++) {
                    check(field.getValue().get(i), element, at + "[" + i + "]", problems);
                }
            } else {
                check(field.getValue(), component.getType(), at, problems);
            }
        }
    }

    private static Class<?> elementType(Type type) {
        if (type instanceof ParameterizedType p && p.getActualTypeArguments()[0] instanceof Class<?> c) {
            return c;
        }
        return Object.class;
    }
}
