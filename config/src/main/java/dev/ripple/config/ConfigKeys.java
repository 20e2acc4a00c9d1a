package dev.ripple.config;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** The key layout of DESIGN.md section 10, and the parsing of keys back into their kind and names. */
public final class ConfigKeys {
    /** Everything Ripple keeps in the store is under this prefix. */
    public static final String ROOT = "/ripple/";
    public static final String EPOCH = "/ripple/epoch";
    /** What a name of a stream or a region may be: it is part of Kafka topic names. */
    public static final String TOPIC_NAME_RULE = Validation.TOPIC_NAME_RULE;

    private ConfigKeys() {}

    /** What a key names: its kind, and for purge targets the region. */
    public record Ref(DocumentKind kind, String region, String name) {}

    public static String stream(String name) {
        return DocumentKind.STREAM.prefix() + requireName(name);
    }

    public static String rule(String name) {
        return DocumentKind.RULE.prefix() + requireName(name);
    }

    public static String region(String name) {
        return DocumentKind.REGION.prefix() + requireName(name);
    }

    public static String conit(String name) {
        return DocumentKind.CONIT.prefix() + requireName(name);
    }

    public static String purgeTarget(String region, String name) {
        return DocumentKind.PURGE_TARGET.prefix() + requireName(region) + "/" + requireName(name);
    }

    /** The prefix of one region's purge targets. */
    public static String purgeTargets(String region) {
        return DocumentKind.PURGE_TARGET.prefix() + requireName(region) + "/";
    }

    public static String producer(String id) {
        return DocumentKind.PRODUCER.prefix() + requireName(id);
    }

    /** Whether {@code name} may name a stream or a region ({@link #TOPIC_NAME_RULE}). */
    public static boolean isTopicName(String name) {
        return Validation.isTopicName(name);
    }

    /**
     * Parses a key of the layout.
     *
     * @return empty if the key is not one of the layout's; the problems say why via {@link #problems(String)}
     */
    public static Optional<Ref> parse(String key) {
        return problems(key).isEmpty() ? Optional.of(parseUnchecked(key)) : Optional.empty();
    }

    /** Why {@code key} is not a document key of the layout; empty if it is one. */
    public static List<Problem> problems(String key) {
        List<Problem> problems = new ArrayList<>();
        if (key == null || !key.startsWith(ROOT)) {
            problems.add(new Problem("", "key '" + key + "' is outside " + ROOT));
            return problems;
        }
        if (key.equals(EPOCH)) {
            return problems;
        }
        String[] parts = key.substring(ROOT.length()).split("/", -1);
        DocumentKind kind = kindOf(parts[0]);
        if (kind == null || kind == DocumentKind.EPOCH) {
            problems.add(new Problem("", "key '" + key + "' is not in the layout: use " + ROOT
                    + "{streams,rules,regions,conits,producers}/<name>, " + ROOT + "purge-targets/<region>/<name> or "
                    + EPOCH));
            return problems;
        }
        int expected = kind == DocumentKind.PURGE_TARGET ? 3 : 2;
        if (parts.length != expected) {
            problems.add(new Problem("", "key '" + key + "' should be " + kind.prefix()
                    + (kind == DocumentKind.PURGE_TARGET ? "<region>/<name>" : "<name>")));
            return problems;
        }
        for (int i = 1; i < parts.length; i++) {
            if (!Validation.NAME.matcher(parts[i]).matches()) {
                problems.add(new Problem("", "'" + parts[i] + "' in key '" + key + "' is not a valid name: "
                        + Validation.NAME_RULE));
            }
        }
        return problems;
    }

    private static Ref parseUnchecked(String key) {
        if (key.equals(EPOCH)) {
            return new Ref(DocumentKind.EPOCH, null, null);
        }
        String[] parts = key.substring(ROOT.length()).split("/");
        DocumentKind kind = kindOf(parts[0]);
        return kind == DocumentKind.PURGE_TARGET ? new Ref(kind, parts[1], parts[2]) : new Ref(kind, null, parts[1]);
    }

    private static DocumentKind kindOf(String segment) {
        for (DocumentKind kind : DocumentKind.values()) {
            if (kind.segment().equals(segment)) {
                return kind;
            }
        }
        return null;
    }

    private static String requireName(String name) {
        if (name == null || !Validation.NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("Invalid name '" + name + "': " + Validation.NAME_RULE);
        }
        return name;
    }
}
