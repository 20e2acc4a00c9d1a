package dev.ripple.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;

/**
 * Checks edit events against {@code schemas/edit/1.0.0.json} (JSON Schema draft 2020-12, formats asserted), then
 * what the schema cannot say and the rest of Ripple needs: keys per {@link ResourceKeys}, tags without control
 * characters or lone surrogates, revisions that fit a Java long, a finite weight. Reports every problem with its
 * JSON pointer. Thread-safe; create one and share it.
 */
public final class EditEventValidator {
    /** Classpath location of the schema. */
    public static final String SCHEMA_RESOURCE = "/schemas/edit/1.0.0.json";

    private final Schema schema;

    private EditEventValidator(Schema schema) {
        this.schema = schema;
    }

    /** Loads the schema from the classpath. */
    public static EditEventValidator create() {
        SchemaRegistryConfig config = SchemaRegistryConfig.builder().formatAssertionsEnabled(true).build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config));
        try (InputStream in = EditEventValidator.class.getResourceAsStream(SCHEMA_RESOURCE)) {
            if (in == null) {
                throw new EventsException("Schema " + SCHEMA_RESOURCE + " is missing from the classpath");
            }
            return new EditEventValidator(registry.getSchema(in));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + SCHEMA_RESOURCE, e);
        }
    }

    /** Every problem with {@code event}, ordered by pointer; empty when it is valid. */
    public List<ValidationProblem> validate(JsonNode event) {
        List<ValidationProblem> problems = new ArrayList<>();
        schema.validate(event).forEach(error -> problems.add(toProblem(error)));
        if (problems.isEmpty()) {
            beyondSchema(event, problems);
        }
        problems.sort(Comparator.comparing(ValidationProblem::pointer).thenComparing(ValidationProblem::message));
        return List.copyOf(problems);
    }

    /** Checks a schema-valid event for what the schema cannot express. */
    private static void beyondSchema(JsonNode event, List<ValidationProblem> problems) {
        ResourceKeys.problem(event.path("key").asText()).ifPresent(p -> problems.add(new ValidationProblem("/key",
                "key " + p)));
        JsonNode tags = event.path("tags");
        for (int i = 0; i < tags.size(); i++) {
            int index = i;
            ResourceKeys.textProblem(tags.get(i).asText()).ifPresent(p -> problems.add(new ValidationProblem(
                    "/tags/" + index, "tag " + p)));
        }
        for (String field : List.of("revision", "base_revision")) {
            JsonNode value = event.get(field);
            if (value != null && !value.canConvertToLong()) {
                problems.add(new ValidationProblem("/" + field, field + " " + value.asText() + " is over the largest "
                        + "revision, " + Long.MAX_VALUE));
            }
        }
        JsonNode weight = event.get("weight");
        if (weight != null && !Double.isFinite(weight.doubleValue())) {
            problems.add(new ValidationProblem("/weight", "weight must be a finite number, was " + weight.asText()
                    + " (too large for a double)"));
        }
    }

    /**
     * Validates and converts.
     *
     * @throws InvalidEventException listing every problem
     */
    public EditEvent parse(JsonNode event) {
        List<ValidationProblem> problems = validate(event);
        if (!problems.isEmpty()) {
            throw new InvalidEventException(problems);
        }
        return convert(event);
    }

    /**
     * Converts an event that {@link #validate} already found valid, without validating it again.
     *
     * @throws InvalidEventException if it cannot be converted after all
     */
    public static EditEvent convert(JsonNode event) {
        try {
            return EventJson.mapper().treeToValue(event, EditEvent.class);
        } catch (JsonProcessingException | IllegalArgumentException e) {
            throw new InvalidEventException(List.of(new ValidationProblem("", e.getMessage())));
        }
    }

    private static ValidationProblem toProblem(Error error) {
        return new ValidationProblem(JsonPointers.of(error.getInstanceLocation()), error.getMessage());
    }
}
