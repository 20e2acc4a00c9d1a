package dev.ripple.config;

import dev.ripple.events.TopicNames;
import java.net.URI;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.List;
import java.util.regex.Pattern;

/**
 * Collects every problem of a document, so that one {@link InvalidDocumentException} lists them all. Used by the
 * documents' compact constructors; nested parts add their problems under their field path.
 */
final class Validation {
    /**
     * Names of rules, conits, purge targets and producers, and of any document in a key (so that a stream or a region
     * stored under a name {@link #TOPIC_NAME_RULE} refuses can still be read, reported and deleted).
     */
    static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    static final String NAME_RULE = "lower-case letters, digits, '.', '_' or '-', starting with a letter or digit, "
            + "at most 63 characters";
    /**
     * Names of streams and regions, which become parts of Kafka topic names ({@link TopicNames#NAME}): no '.', which
     * separates a topic name's parts ({@code ripple.replicate.eu.west} would read as region {@code eu}), and which
     * Kafka takes for '_' in its metric names, so that {@code eu.west} and {@code eu_west} would collide.
     */
    static final String TOPIC_NAME_RULE = "lower-case letters, digits, '_' or '-' (no '.': the name is part of Kafka "
            + "topic names), starting with a letter or digit, at most 63 characters";

    private final List<Problem> problems = new ArrayList<>();

    /** An unmodifiable copy that keeps null elements, so that validation can name them; null for null. */
    static <T> List<T> copy(List<T> list) {
        return list == null ? null : Collections.unmodifiableList(new ArrayList<>(list));
    }

    /** Like {@link #copy}, but an absent list is empty. */
    static <T> List<T> copyOrEmpty(List<T> list) {
        return list == null ? List.of() : copy(list);
    }

    void add(String field, String message) {
        problems.add(new Problem(field, message));
    }

    boolean required(Object value, String field) {
        if (value == null) {
            add(field, "is required");
            return false;
        }
        return true;
    }

    void name(String value, String field) {
        if (required(value, field) && !NAME.matcher(value).matches()) {
            add(field, "'" + value + "' is not a valid name: " + NAME_RULE);
        }
    }

    /** Whether {@code value} may name a stream or a region: a {@link #NAME} that is also a {@link TopicNames#NAME}. */
    static boolean isTopicName(String value) {
        return value != null && NAME.matcher(value).matches() && TopicNames.NAME.matcher(value).matches();
    }

    /** The name of a stream or a region ({@link #TOPIC_NAME_RULE}). */
    void topicName(String value, String field) {
        if (required(value, field) && !isTopicName(value)) {
            add(field, "'" + value + "' is not a valid name: " + TOPIC_NAME_RULE);
        }
    }

    /** A list of names, each a valid name or, when {@code wildcard}, the single entry "*". */
    void names(Collection<String> values, String field, boolean wildcard) {
        if (!required(values, field)) {
            return;
        }
        if (values.isEmpty()) {
            add(field, "must not be empty");
        }
        int i = 0;
        for (String value : values) {
            if (wildcard && "*".equals(value)) {
                if (values.size() > 1) {
                    add(field, "'*' means all; list it alone");
                }
            } else {
                name(value, field + "[" + i + "]");
            }
            i++;
        }
    }

    void range(Number value, String field, double min, double max) {
        if (value != null && (value.doubleValue() < min || value.doubleValue() > max)) {
            add(field, value + " is out of range: " + fmt(min) + " to " + fmt(max));
        }
    }

    /** The regex compiled as every component compiles it ({@link RulePattern}), or null after adding a problem. */
    RulePattern regex(String value, String field) {
        if (!required(value, field)) {
            return null;
        }
        try {
            return RulePattern.compile(value);
        } catch (InvalidPatternException e) {
            add(field, e.getMessage());
            return null;
        }
    }

    /** Like {@link #regex}, for a glob. */
    void glob(String value, String field) {
        try {
            RulePattern.glob(value);
        } catch (InvalidPatternException e) {
            add(field, e.getMessage());
        }
    }

    /** Each element must be a URL of one of the schemes. */
    void uris(List<URI> values, String field, String... schemes) {
        for (int i = 0; i < values.size(); i++) {
            if (required(values.get(i), field + "[" + i + "]")) {
                uri(values.get(i), field + "[" + i + "]", schemes);
            }
        }
    }

    void uri(URI value, String field, String... schemes) {
        if (value == null) {
            return;
        }
        if (!List.of(schemes).contains(value.getScheme()) || value.getHost() == null) {
            add(field, "'" + value + "' must be a " + String.join(" or ", schemes) + " URL with a host");
        }
    }

    List<Problem> problems() {
        return List.copyOf(problems);
    }

    /** @throws InvalidDocumentException listing every problem, if there is any */
    void throwIfAny() {
        if (!problems.isEmpty()) {
            throw new InvalidDocumentException(null, problems);
        }
    }

    private static String fmt(double d) {
        return d == Math.rint(d) ? String.valueOf((long) d) : String.valueOf(d);
    }
}
