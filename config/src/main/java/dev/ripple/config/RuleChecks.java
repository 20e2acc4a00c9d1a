package dev.ripple.config;

import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The validation of {@link RuleDoc}'s conditions and purge templates. */
final class RuleChecks {
    private static final Pattern PLACEHOLDER = Pattern.compile("\\{([^{}]*)}");
    /** Event fields a purge template may use, besides the named groups of the match regexes. */
    static final Set<String> TEMPLATE_FIELDS = Set.of("key", "op", "revision", "meta.stream", "meta.domain",
            "meta.uri", "meta.origin", "meta.id");

    private RuleChecks() {}

    /** Checks the conditions; returns the named groups of their regexes, for the purge templates. */
    static Set<String> conditions(Map<String, MatchCondition> conditions, String field, Validation v) {
        Set<String> groups = new TreeSet<>();
        conditions.forEach((name, condition) -> {
            String path = field + "." + name;
            if (!RuleDoc.MATCH_FIELDS.contains(name)) {
                v.add(path, "unknown event field; use one of " + new TreeSet<>(RuleDoc.MATCH_FIELDS));
                return;
            }
            if (condition == null || condition.regex() == null && condition.oneOf() == null) {
                v.add(path, "must be a regular expression (a string) or a list of values (strings)");
                return;
            }
            if (condition.regex() != null) {
                if ("op".equals(name)) {
                    v.add(path, "list the ops, e.g. [upsert, delete]; a regular expression is not accepted here");
                } else {
                    RulePattern pattern = v.regex(condition.regex(), path);
                    if (pattern != null) {
                        groups.addAll(pattern.groupNames());
                    }
                }
                return;
            }
            if (condition.oneOf().isEmpty()) {
                v.add(path, "an empty list matches nothing; remove the condition or list values");
            }
            if ("op".equals(name)) {
                condition.oneOf().stream().filter(op -> !RuleDoc.OPS.contains(op)).forEach(op ->
                        v.add(path, "unknown op '" + op + "'; ops are " + new TreeSet<>(RuleDoc.OPS)));
            }
        });
        return groups;
    }

    /** @param groups the named groups of the rule's {@code match} regexes */
    static void purge(RuleDoc.Purge purge, Set<String> groups, Validation v) {
        if (purge.urls().isEmpty() && purge.keys().isEmpty() && purge.tags().isEmpty()) {
            v.add("purge", "give urls, keys or tags to purge, or remove purge");
        }
        Set<String> known = new TreeSet<>(TEMPLATE_FIELDS);
        known.addAll(groups);
        templates(purge.urls(), "purge.urls", known, true, v);
        templates(purge.keys(), "purge.keys", known, false, v);
        templates(purge.tags(), "purge.tags", known, false, v);
    }

    private static void templates(List<String> templates, String field, Set<String> known, boolean url,
            Validation v) {
        for (int i = 0; i < templates.size(); i++) {
            String path = field + "[" + i + "]";
            String template = templates.get(i);
            if (template == null || template.isBlank()) {
                v.add(path, "must not be empty");
                continue;
            }
            Matcher placeholders = PLACEHOLDER.matcher(template);
            while (placeholders.find()) {
                if (!known.contains(placeholders.group(1))) {
                    v.add(path, "unknown placeholder {" + placeholders.group(1) + "}; use a named group of a match "
                            + "regex or one of " + known);
                }
            }
            String literal = PLACEHOLDER.matcher(template).replaceAll("x");
            if (literal.contains("{") || literal.contains("}")) {
                v.add(path, "unbalanced '{' or '}' in '" + template + "'");
            } else if (url && !literal.startsWith("http://") && !literal.startsWith("https://")) {
                v.add(path, "'" + template + "' must be an http:// or https:// URL");
            }
        }
    }
}
