package dev.ripple.config.internal;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.JsonToken;
import com.fasterxml.jackson.databind.DeserializationContext;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.JavaType;
import com.fasterxml.jackson.databind.JsonDeserializer;
import com.fasterxml.jackson.databind.JsonMappingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.PropertyNamingStrategies;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.databind.deser.DeserializationProblemHandler;
import com.fasterxml.jackson.databind.deser.ValueInstantiator;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.dataformat.yaml.YAMLMapper;
import dev.ripple.config.InvalidDocumentException;
import dev.ripple.config.Problem;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * JSON (and YAML) for config documents: snake_case fields, and binding that reports every unknown field and
 * every value of the wrong type as a {@link Problem} instead of stopping at the first.
 */
public final class DocumentJson {
    private static final ObjectMapper JSON = configure(JsonMapper.builder().build());
    private static final ObjectMapper YAML = configure(YAMLMapper.builder().build());
    private static final ObjectMapper PRETTY = JSON.copy().enable(SerializationFeature.INDENT_OUTPUT);

    private DocumentJson() {}

    private static ObjectMapper configure(ObjectMapper mapper) {
        return mapper.setPropertyNamingStrategy(PropertyNamingStrategies.SNAKE_CASE)
                .setSerializationInclusion(JsonInclude.Include.NON_NULL)
                // unknown fields reach the problem handler, which records them and goes on
                .enable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
                .enable(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** The mapper documents are serialized with (compact JSON). */
    public static ObjectMapper json() {
        return JSON;
    }

    /** Parses JSON text. @throws InvalidDocumentException naming where the syntax breaks */
    public static JsonNode parseJson(String text) {
        return parse(JSON, text);
    }

    /** Parses YAML or JSON text (JSON is YAML). @throws InvalidDocumentException naming the syntax error */
    public static JsonNode parseYamlOrJson(String text) {
        return parse(YAML, text);
    }

    private static JsonNode parse(ObjectMapper mapper, String text) {
        try {
            JsonNode node = mapper.readTree(text);
            if (node == null || node.isMissingNode()) {
                throw new InvalidDocumentException(null, List.of(new Problem("", "is empty")));
            }
            return node;
        } catch (JsonProcessingException e) {
            throw new InvalidDocumentException(null, List.of(new Problem("", "not valid "
                    + (mapper == JSON ? "JSON" : "YAML or JSON") + ": " + e.getOriginalMessage()
                    + (e.getLocation() == null ? "" : " at line " + e.getLocation().getLineNr() + ", column "
                    + e.getLocation().getColumnNr()))));
        }
    }

    /** Compact JSON of {@code value}. */
    public static String write(Object value) {
        try {
            return JSON.writeValueAsString(value);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Could not serialize " + value.getClass().getSimpleName(), e);
        }
    }

    /** Indented JSON of a JSON text; the text itself if it is not JSON. */
    public static String pretty(String text) {
        try {
            return PRETTY.writeValueAsString(JSON.readTree(text));
        } catch (JsonProcessingException e) {
            return text;
        }
    }

    /**
     * Binds {@code node} to {@code type}, whose constructor validates.
     *
     * @throws InvalidDocumentException with the unknown fields, type errors and the constructor's problems
     */
    public static <T> T bind(JsonNode node, Class<T> type) {
        if (!node.isObject()) {
            throw new InvalidDocumentException(null, List.of(new Problem("", "must be a JSON object, not "
                    + node.getNodeType().name().toLowerCase(Locale.ROOT))));
        }
        Collector collector = new Collector();
        UnknownFields.check(node, type, "", collector.problems);
        T value = null;
        List<Problem> fromConstructor = List.of();
        try {
            value = JSON.readerFor(type).withHandler(collector).readValue(JSON.treeAsTokens(node));
        } catch (IOException e) {
            InvalidDocumentException invalid = invalidCause(e);
            if (invalid != null) {
                fromConstructor = invalid.problems();
            } else if (collector.problems.isEmpty()) {
                String message = e instanceof JsonProcessingException j ? j.getOriginalMessage() : e.getMessage();
                collector.problems.add(new Problem(path(e), String.valueOf(message)));
            }
        }
        List<Problem> all = new ArrayList<>(collector.problems);
        Set<String> reported = new LinkedHashSet<>();
        collector.problems.forEach(p -> reported.add(p.field()));
        // a value of the wrong type was bound as null: drop the constructor's "is required" echo of it
        fromConstructor.stream().filter(p -> !reported.contains(p.field())).forEach(all::add);
        if (!all.isEmpty()) {
            throw new InvalidDocumentException(null, all);
        }
        return value;
    }

    private static InvalidDocumentException invalidCause(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof InvalidDocumentException invalid) {
                return invalid;
            }
        }
        return null;
    }

    private static String path(IOException e) {
        StringBuilder out = new StringBuilder();
        if (e instanceof JsonMappingException m) {
            for (JsonMappingException.Reference ref : m.getPath()) {
                if (ref.getFieldName() != null) {
                    out.append(out.length() == 0 ? "" : ".").append(ref.getFieldName());
                } else if (ref.getIndex() >= 0) {
                    out.append('[').append(ref.getIndex()).append(']');
                }
            }
        }
        return out.toString();
    }

    /** JSON pointer {@code /purge/urls/0} to {@code purge.urls[0]}. */
    static String field(JsonParser p) {
        String pointer = p.getParsingContext().pathAsPointer().toString();
        StringBuilder out = new StringBuilder();
        for (String part : pointer.split("/")) {
            if (part.isEmpty()) {
                continue;
            }
            String name = part.replace("~1", "/").replace("~0", "~");
            if (name.chars().allMatch(Character::isDigit)) {
                out.append('[').append(name).append(']');
            } else {
                out.append(out.length() == 0 ? "" : ".").append(name);
            }
        }
        return out.toString();
    }

    /** Turns Jackson's complaints into problems and lets binding go on with a null. */
    private static final class Collector extends DeserializationProblemHandler {
        final List<Problem> problems = new ArrayList<>();

        @Override
        public boolean handleUnknownProperty(DeserializationContext ctxt, JsonParser p,
                JsonDeserializer<?> deserializer, Object beanOrClass, String propertyName) throws IOException {
            p.skipChildren(); // already reported by UnknownFields
            return true;
        }

        @Override
        public Object handleUnexpectedToken(DeserializationContext ctxt, JavaType targetType, JsonToken t,
                JsonParser p, String failureMsg) throws IOException {
            problems.add(new Problem(field(p), "expected " + describe(targetType) + ", found " + found(t)));
            p.skipChildren();
            return null;
        }

        @Override
        public Object handleMissingInstantiator(DeserializationContext ctxt, Class<?> instClass,
                ValueInstantiator instantiator, JsonParser p, String msg) throws IOException {
            problems.add(new Problem(field(p), "expected " + describe(instClass) + ", found "
                    + found(p.currentToken())));
            p.skipChildren();
            return null;
        }

        @Override
        public Object handleWeirdStringValue(DeserializationContext ctxt, Class<?> targetType, String value,
                String failureMsg) throws IOException {
            String reason = failureMsg != null && failureMsg.contains("must be one of")
                    ? failureMsg.substring(failureMsg.indexOf("must be one of")) : "expected " + describe(targetType);
            problems.add(new Problem(field(ctxt.getParser()), "'" + value + "' is not valid: " + reason));
            return null;
        }

        @Override
        public Object handleInstantiationProblem(DeserializationContext ctxt, Class<?> instClass, Object argument,
                Throwable t) throws IOException {
            if (invalidCause(t) != null) {
                return NOT_HANDLED; // a document's own validation: bind() merges its problems
            }
            problems.add(new Problem(field(ctxt.getParser()), "'" + argument + "' is not valid: " + t.getMessage()));
            return null;
        }

        @Override
        public Object handleWeirdNumberValue(DeserializationContext ctxt, Class<?> targetType, Number value,
                String failureMsg) throws IOException {
            problems.add(new Problem(field(ctxt.getParser()), value + " is not valid: expected "
                    + describe(targetType)));
            return null;
        }

        private static String describe(JavaType type) {
            return describe(type.getRawClass());
        }

        private static String describe(Class<?> type) {
            if (Number.class.isAssignableFrom(type) || type.isPrimitive() && type != boolean.class) {
                return "a number";
            }
            if (type == String.class || type.isEnum() || type == java.net.URI.class) {
                return "a string";
            }
            if (type == Boolean.class || type == boolean.class) {
                return "true or false";
            }
            if (Collection.class.isAssignableFrom(type)) {
                return "a list";
            }
            return "an object";
        }

        private static String found(JsonToken t) {
            if (t == null) {
                return "nothing";
            }
            return switch (t) {
                case START_ARRAY -> "a list";
                case START_OBJECT -> "an object";
                case VALUE_STRING -> "a string";
                case VALUE_NUMBER_INT, VALUE_NUMBER_FLOAT -> "a number";
                case VALUE_TRUE, VALUE_FALSE -> "a boolean";
                case VALUE_NULL -> "null";
                default -> t.asString();
            };
        }
    }
}
