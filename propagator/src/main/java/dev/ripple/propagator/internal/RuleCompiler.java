package dev.ripple.propagator.internal;

import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.ConitDoc;
import dev.ripple.config.InvalidPatternException;
import dev.ripple.config.MatchCondition;
import dev.ripple.config.RuleDoc;
import dev.ripple.config.RulePattern;
import dev.ripple.propagator.RuleProblem;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Compiles the rules and conits of a config snapshot, collecting every problem (each naming its rule and field)
 * instead of stopping at the first. Documents reach it validated by the config module; patterns are compiled by
 * the same {@link RulePattern} that validated them (RE2 syntax, linear time). The compiler adds what only
 * compilation sees: a named group defined twice, or one that shadows an event field in templates.
 */
public final class RuleCompiler {

    /** The result: rules by name, conits by name, and the problems; the rule set is usable only with none. */
    public record Compiled(List<CompiledRule> rules, List<ConitMatcher> conits, List<RuleProblem> problems) {
        public Compiled {
            rules = List.copyOf(rules);
            conits = List.copyOf(conits);
            problems = List.copyOf(problems);
        }
    }

    private RuleCompiler() {}

    public static Compiled compile(ConfigSnapshot snapshot) {
        List<RuleProblem> problems = new ArrayList<>();
        List<CompiledRule> rules = new ArrayList<>();
        for (RuleDoc doc : snapshot.rules().values()) {
            int before = problems.size();
            CompiledRule rule = compile(doc, problems);
            if (problems.size() == before) {
                rules.add(rule);
            }
        }
        List<ConitMatcher> conits = new ArrayList<>();
        for (ConitDoc conit : snapshot.conits().values()) {
            try {
                conits.add(ConitMatcher.of(conit));
            } catch (InvalidPatternException e) {
                problems.add(new RuleProblem("", "conit " + conit.name() + " keys", e.getMessage()));
            }
        }
        return new Compiled(rules, conits, problems);
    }

    private static CompiledRule compile(RuleDoc doc, List<RuleProblem> problems) {
        String rule = doc.name();
        List<FieldCondition> match = conditions(rule, "match", doc.match(), problems);
        List<FieldCondition> matchNot = conditions(rule, "match_not", doc.matchNot(), problems);
        Map<String, String> groups = new HashMap<>();
        for (FieldCondition condition : match) {
            for (String group : condition.groupNames()) {
                String field = "match." + condition.field();
                String earlier = groups.putIfAbsent(group, field);
                if (earlier != null) {
                    problems.add(new RuleProblem(rule, field, "named group <" + group + "> is also defined in "
                            + earlier + "; give each group its own name, so a template's {" + group
                            + "} means one thing"));
                }
                if (EventFields.TEMPLATE_FIELDS.contains(group)) {
                    problems.add(new RuleProblem(rule, field, "named group <" + group + "> shadows the event field {"
                            + group + "} in templates; rename the group"));
                }
            }
        }
        Set<String> known = new TreeSet<>(EventFields.TEMPLATE_FIELDS);
        known.addAll(groups.keySet());
        RuleDoc.Purge purge = doc.purge();
        List<Template> keys = templates(rule, "purge.keys", purge == null ? List.of() : purge.keys(), false, known,
                problems);
        List<Template> urls = templates(rule, "purge.urls", purge == null ? List.of() : purge.urls(), true, known,
                problems);
        List<Template> tags = templates(rule, "purge.tags", purge == null ? List.of() : purge.tags(), false, known,
                problems);
        Set<String> regions = doc.replicate() == null ? Set.of() : Set.copyOf(doc.replicate().regions());
        return new CompiledRule(rule, Set.copyOf(doc.streams()), match, matchNot, regions, keys, urls, tags,
                doc.coalesceMs());
    }

    private static List<FieldCondition> conditions(String rule, String section,
            Map<String, MatchCondition> conditions, List<RuleProblem> problems) {
        List<FieldCondition> compiled = new ArrayList<>();
        conditions.forEach((field, condition) -> {
            String path = section + "." + field;
            if (!RuleDoc.MATCH_FIELDS.contains(field)) {
                problems.add(new RuleProblem(rule, path, "unknown event field; use one of "
                        + new TreeSet<>(RuleDoc.MATCH_FIELDS)));
            } else if (condition == null || (condition.regex() == null) == (condition.oneOf() == null)) {
                problems.add(new RuleProblem(rule, path, "give a regular expression or a list of values"));
            } else if (condition.regex() != null) {
                try {
                    compiled.add(new FieldCondition(field, RulePattern.compile(condition.regex()), null));
                } catch (InvalidPatternException e) {
                    problems.add(new RuleProblem(rule, path, e.getMessage()));
                }
            } else {
                compiled.add(new FieldCondition(field, null, Set.copyOf(condition.oneOf())));
            }
        });
        return compiled;
    }

    private static List<Template> templates(String rule, String field, List<String> texts, boolean url,
            Set<String> known, List<RuleProblem> problems) {
        List<Template> templates = new ArrayList<>();
        for (int i = 0; i < texts.size(); i++) {
            String path = field + "[" + i + "]";
            Template template = Template.parse(rule, path, texts.get(i), url);
            for (String placeholder : template.placeholders()) {
                if (!known.contains(placeholder)) {
                    problems.add(new RuleProblem(rule, path, "unknown placeholder {" + placeholder
                            + "}; use a named group of a match regex or one of " + known));
                }
            }
            templates.add(template);
        }
        return templates;
    }
}
