package dev.ripple.propagator;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.DemoConfig;
import dev.ripple.config.MatchCondition;
import dev.ripple.config.RuleDoc;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventMeta;
import dev.ripple.events.Op;
import dev.ripple.events.RuleRef;
import dev.ripple.testsupport.TestEvents;
import java.time.Clock;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class RuleSetTest {

    @Test
    void shouldListEveryCompileProblemNamingRuleAndField() {
        // given two rules that pass document validation but are ambiguous once compiled
        Map<String, MatchCondition> inDocumentOrder = new LinkedHashMap<>();
        inDocumentOrder.put("key", MatchCondition.regex("^(?<t>.+)$"));
        inDocumentOrder.put("meta.domain", MatchCondition.regex("(?<t>.+)"));
        RuleDoc twice = new RuleDoc("twice", List.of("edits"), inDocumentOrder, Map.of(), null,
                new RuleDoc.Purge(List.of(), List.of("{t}"), List.of()), 0L);
        RuleDoc shadow = new RuleDoc("shadow", List.of("edits"), Map.of("key", MatchCondition.regex("(?<op>.+)")),
                Map.of(), new RuleDoc.Replicate(List.of("*")), null, 0L);

        // when the rule set is compiled, then both problems are reported at once, each by rule and field
        assertThatThrownBy(() -> TestConfig.regions("eqiad").with(twice).with(shadow).ruleSet(9))
                .isInstanceOfSatisfying(InvalidRuleSetException.class, e -> {
                    assertThat(e.version()).isEqualTo(9);
                    assertThat(e.problems()).extracting(RuleProblem::rule, RuleProblem::field).containsExactly(
                            org.assertj.core.groups.Tuple.tuple("shadow", "match.key"),
                            org.assertj.core.groups.Tuple.tuple("twice", "match.meta.domain"));
                    assertThat(e.getMessage()).contains("rule 'twice' match.meta.domain: named group <t> is also "
                            + "defined in match.key");
                });
    }

    @Test
    void shouldCompileTheDemoConfigAndRouteAnEnwikiEditEverywhere() {
        // given the demo config, as ripple up seeds it
        try (ConfigStore store = ConfigStore.inMemory()) {
            DemoConfig.seed(store);
            try (ConfigView view = ConfigView.open(store, Clock.systemUTC())) {
                ConfigSnapshot snapshot = view.snapshot();

                // when it is compiled and an edit of enwiki:Main_Page is routed
                RuleSet rules = RuleSet.compile(snapshot);
                EventMeta meta = new EventMeta("1", TestEvents.DT, "edits", null, "en.example.org", null, null);
                Routing routing = rules.route(EditEvent.upsert(meta, "enwiki:Main_Page", 1, "text/plain", "x"),
                        "edits");

                // then all three regions replicate it, its page URLs and keys are purged, and it is in the conit
                RuleRef ref = new RuleRef("page-edits", snapshot.revision());
                assertThat(routing.replicate()).containsOnlyKeys("codfw", "eqiad", "esams").containsValue(ref);
                assertThat(routing.purges()).singleElement().satisfies(plan -> {
                    assertThat(plan.urls()).containsExactly("https://en.example.org/wiki/Main_Page",
                            "https://en.example.org/api/page/Main_Page");
                    assertThat(plan.keys()).containsExactly("page:enwiki:Main_Page");
                });
                assertThat(routing.conits()).containsExactly("enwiki-pages");
                assertThat(rules.epoch()).isEqualTo(1);
            }
        }
    }

    @Test
    void shouldMatchTagsWhenAnyTagMatchesAndOpsByList() {
        // given a rule on tags and ops only
        RuleDoc rule = new RuleDoc("templates", List.of("*"),
                Map.of("tags", MatchCondition.regex("^template:(?<template>.+)$"), "op", MatchCondition.oneOf(
                        "invalidate")), Map.of(), null,
                new RuleDoc.Purge(List.of(), List.of(), List.of("template:{template}")), 0L);
        RuleSet rules = TestConfig.regions("eqiad").with(rule).ruleSet(1);
        EventMeta meta = new EventMeta("1", TestEvents.DT, "other", null, null, null, null);
        EditEvent invalidate = new EditEvent(null, meta, "k", Op.INVALIDATE, null, null, null, null,
                List.of("page:k", "template:Infobox"), null, null, null);

        // when an invalidate with a template tag and an upsert with it are routed
        Routing routed = rules.route(invalidate, "other");
        Routing upsert = rules.route(new EditEvent(null, meta, "k", Op.UPSERT, null, null, null, null,
                List.of("template:Infobox"), null, null, null), "other");

        // then the invalidate purges the template's tag; the upsert routes nowhere
        assertThat(routed.purges()).singleElement().satisfies(p -> assertThat(p.tags())
                .containsExactly("template:Infobox"));
        assertThat(upsert.routesNowhere()).isTrue();
    }
}
