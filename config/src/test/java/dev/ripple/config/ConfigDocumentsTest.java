package dev.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ConfigDocumentsTest {
    private static final String RULE_YAML = """
            name: page-edits
            streams: [edits]
            match: {key: "^enwiki:(?<title>.+)$", op: [upsert, delete, invalidate]}
            match_not: {meta.domain: "canary.example.org"}
            replicate: {regions: ["*"]}
            purge:
              urls: ["https://{meta.domain}/wiki/{title}", "https://{meta.domain}/api/page/{title}"]
              keys: ["page:{key}"]
              tags: ["page:{key}"]
            coalesce_ms: 0
            """;

    @Test
    void shouldReadTheRuleOfTheDesignAndStoreItAsJsonThatReadsBackEqual() {
        String json = ConfigDocuments.prepareForWrite("/ripple/rules/page-edits", RULE_YAML, Optional.empty());

        RuleDoc rule = (RuleDoc) ConfigDocuments.parse("/ripple/rules/page-edits", json);

        assertThat(rule.streams()).containsExactly("edits");
        assertThat(rule.match().get("key")).isEqualTo(MatchCondition.regex("^enwiki:(?<title>.+)$"));
        assertThat(rule.match().get("op").oneOf()).containsExactly("upsert", "delete", "invalidate");
        assertThat(rule.matchNot()).containsKey("meta.domain");
        assertThat(rule.replicatesTo("esams")).isTrue();
        assertThat(rule.purge().urls()).hasSize(2);
        assertThat(json).contains("\"match_not\"").contains("\"coalesce_ms\":0");
        assertThat(ConfigDocuments.toJson(rule)).isEqualTo(json);
    }

    @Test
    void shouldListEveryProblemOfARuleEachNamingItsFieldAndTheKey() {
        String bad = """
                {"name": "page-edits", "streams": "edits", "colour": "red",
                 "match": {"key": "^enwiki:(", "op": ["upsert", "erase"], "meta.colour": "x"},
                 "purge": {"urls": ["ftp://{meta.domain}/{nope}"]},
                 "coalesce_ms": -1}
                """;

        assertThatThrownBy(() -> ConfigDocuments.parse("/ripple/rules/page-edits", bad))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> {
                    assertThat(e.key()).isEqualTo("/ripple/rules/page-edits");
                    assertThat(e.problems()).extracting(Problem::field).contains("streams", "colour", "match.key",
                            "match.op", "match.meta.colour", "purge.urls[0]", "coalesce_ms");
                    assertThat(e.getMessage()).contains("/ripple/rules/page-edits", "unknown op 'erase'",
                            "invalid regular expression", "unknown placeholder {nope}", "must be an http:// or "
                                    + "https:// URL", "-1 is out of range", "unknown field");
                });
    }

    @Test
    void shouldRefuseABackreferenceAndLookaroundNamingTheRuleTheFieldAndWhatIsUnsupportedAllAtOnce() {
        String rule = """
                name: doubled
                streams: [edits]
                match: {key: '^(?<w>[a-z]+):\\1$'}
                match_not: {meta.domain: '^(?!en\\.)'}
                replicate: {regions: ["*"]}
                """;

        assertThatThrownBy(() -> ConfigDocuments.prepareForWrite("/ripple/rules/doubled", rule, Optional.empty()))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> {
                    assertThat(e.key()).isEqualTo("/ripple/rules/doubled");
                    assertThat(e.problems()).as(e.getMessage()).extracting(Problem::field)
                            .containsExactlyInAnyOrder("match.key", "match_not.meta.domain");
                    assertThat(e.getMessage()).contains("/ripple/rules/doubled",
                            "match.key: invalid regular expression '^(?<w>[a-z]+):\\1$': backreference \\1 is not "
                                    + "supported",
                            "match_not.meta.domain: invalid regular expression '^(?!en\\.)': lookahead (?!…) is not "
                                    + "supported", "RE2 syntax");
                });
    }

    @Test
    void shouldRefuseAConitWhoseKeyRegexRe2CannotRun() {
        String conit = "{\"name\": \"c\", \"keys\": {\"regex\": \"(x+)\\\\1\"}, "
                + "\"bounds\": {\"staleness_ms\": 5000}, \"enforcement\": \"alert\"}";

        assertThatThrownBy(() -> ConfigDocuments.parse("/ripple/conits/c", conit))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("/ripple/conits/c")
                .hasMessageContaining("keys.regex: invalid regular expression '(x+)\\1': backreference");
    }

    @Test
    void shouldReadWhatAGateReadsConitDoesWhileItsStatusIsUnknownClosedUnlessItSaysOpen() {
        String open = "{\"name\": \"c\", \"keys\": {\"glob\": \"c:*\"}, \"bounds\": {\"staleness_ms\": 500}, "
                + "\"enforcement\": \"gate-reads\", \"unknown\": \"open\"}";
        String unsaid = ConfigDocuments.prepareForWrite("/ripple/conits/c", "{\"name\": \"c\", \"keys\": "
                + "{\"glob\": \"c:*\"}, \"bounds\": {\"staleness_ms\": 500}, \"enforcement\": \"gate-reads\"}",
                Optional.empty());

        assertThat(((ConitDoc) ConfigDocuments.parse("/ripple/conits/c", open)).closedWhenUnknown()).isFalse();
        assertThat(((ConitDoc) ConfigDocuments.parse("/ripple/conits/c", unsaid)).closedWhenUnknown()).isTrue();
        assertThat(unsaid).doesNotContain("unknown");
        assertThatThrownBy(() -> ConfigDocuments.parse("/ripple/conits/c", open.replace("\"open\"", "\"ajar\"")))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.problems())
                        .extracting(Problem::toString).anySatisfy(p -> assertThat(p).startsWith("unknown: 'ajar'")));
    }

    @Test
    void shouldNameTheAllowedValuesOfAMistypedEnum() {
        String conit = """
                {"name": "enwiki", "keys": {"glob": "enwiki:*"}, "bounds": {"staleness_ms": "soon"},
                 "enforcement": "gate-read"}
                """;

        assertThatThrownBy(() -> ConfigDocuments.parse("/ripple/conits/enwiki", conit))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.problems())
                        .extracting(Problem::toString)
                        .anySatisfy(p -> assertThat(p).startsWith("enforcement: 'gate-read' is not valid")
                                .contains("gate-reads, throttle-writes, alert"))
                        .anySatisfy(p -> assertThat(p).startsWith("bounds.staleness_ms: 'soon' is not valid")));
    }

    @Test
    void shouldRefuseKeysOutsideTheLayoutAndNamesThatDisagreeWithTheirKey() {
        assertThatThrownBy(() -> ConfigDocuments.parse("/ripple/widgets/a", "{}"))
                .hasMessageContaining("not in the layout");
        assertThatThrownBy(() -> ConfigDocuments.parse("/ripple/regions/Eqiad", "{\"name\":\"Eqiad\"}"))
                .hasMessageContaining("'Eqiad' in key");
        assertThatThrownBy(() -> ConfigDocuments.parse("/ripple/regions/eqiad", "{\"name\":\"codfw\"}"))
                .hasMessageContaining("name: does not match the key");
        assertThatThrownBy(() -> ConfigDocuments.parse("/ripple/purge-targets/eqiad/edge",
                "{\"region\":\"codfw\",\"name\":\"edge\",\"type\":\"redis\"}"))
                .hasMessageContaining("region: does not match the key");
        assertThatThrownBy(() -> ConfigDocuments.parse("/ripple/streams/edits", "{\"name\": \"edits\""))
                .hasMessageContaining("not valid JSON");
    }

    @Test
    void shouldRefuseADotInTheNameOfAStreamOrRegionWhichNamesTopicsButNotInOtherNames() {
        // ripple.replicate.eu.west would read as region eu, and Kafka takes '.' for '_' in metric names
        for (String key : List.of("/ripple/regions/eu.west", "/ripple/streams/edits.v2")) {
            String name = key.substring(key.lastIndexOf('/') + 1);
            assertThatThrownBy(() -> ConfigDocuments.parse(key, "{\"name\":\"" + name + "\"}")).as(key)
                    .hasMessageContaining("name: '" + name + "' is not a valid name")
                    .hasMessageContaining("no '.': the name is part of Kafka topic names");
        }
        assertThatThrownBy(() -> ConfigDocuments.parse("/ripple/purge-targets/eu.west/edge",
                "{\"region\":\"eu.west\",\"name\":\"edge\",\"type\":\"redis\"}"))
                .hasMessageContaining("region: 'eu.west' is not a valid name");
        assertThatThrownBy(() -> RegionDoc.of("e".repeat(64))).hasMessageContaining("at most 63 characters");

        assertThat(RegionDoc.of("eu_west-2").name()).isEqualTo("eu_west-2");
        assertThat(StreamDoc.of("e".repeat(63)).name()).hasSize(63);
        assertThat(ConfigDocuments.parse("/ripple/purge-targets/eqiad/edge.v2",
                "{\"region\":\"eqiad\",\"name\":\"edge.v2\",\"type\":\"redis\"}").key())
                .isEqualTo("/ripple/purge-targets/eqiad/edge.v2");
    }

    @Test
    void shouldStoreAProducerTokenOnlyAsASaltedHashAndKeepTheHashWhenTheTokenIsUnchanged() {
        String key = "/ripple/producers/mediawiki";
        String written = "{id: mediawiki, token: 'mediawiki.s3cret-token-of-mediawiki', streams: [edits]}";

        String stored = ConfigDocuments.prepareForWrite(key, written, Optional.empty());
        ProducerDoc producer = (ProducerDoc) ConfigDocuments.parse(key, stored);
        String again = ConfigDocuments.prepareForWrite(key, written, Optional.of(new Entry(key, stored, 2, 2, 1)));

        assertThat(stored).doesNotContain("s3cret").contains("pbkdf2-sha256$");
        assertThat(producer.accepts("mediawiki.s3cret-token-of-mediawiki")).isTrue();
        assertThat(producer.accepts("mediawiki.s3cret-token-of-someone-else")).isFalse();
        assertThat(again).isEqualTo(stored);
        assertThat(ProducerTokens.hash("mediawiki.s3cret-token-of-mediawiki")).isNotEqualTo(producer.tokenHash());
    }

    @Test
    void shouldRefuseAPlaintextTokenWrittenPastTheWritePath() {
        assertThatThrownBy(() -> ConfigDocuments.parse("/ripple/producers/x",
                "{\"id\":\"x\",\"token_hash\":\"hunter2hunter2hunter2\",\"streams\":[\"*\"]}"))
                .hasMessageContaining("token_hash: is not a hash");
    }

    @Test
    void shouldCheckPurgeTargetsByType() {
        assertThatThrownBy(() -> ConfigDocuments.parse("/ripple/purge-targets/esams/edge",
                "{\"region\":\"esams\",\"name\":\"edge\",\"type\":\"http\",\"tiers\":[{\"name\":\"t1\",\"nodes\":[]}]}"))
                .hasMessageContaining("tiers[0].nodes: must not be empty");
        PurgeTargetDoc redis = (PurgeTargetDoc) ConfigDocuments.parse("/ripple/purge-targets/esams/cache",
                "{\"region\":\"esams\",\"name\":\"cache\",\"type\":\"redis\"}");
        assertThat(redis.tombstoneMs()).isEqualTo(60_000L);
        assertThat(redis.maxConcurrent()).isEqualTo(16);
    }

    @Test
    void shouldDefaultAnHttpTargetToPurgeAndRefuseHeadersTheClientSetsItself() {
        PurgeTargetDoc cdn = (PurgeTargetDoc) ConfigDocuments.parse("/ripple/purge-targets/esams/cdn",
                "{\"region\":\"esams\",\"name\":\"cdn\",\"type\":\"http\",\"tiers\":[{\"name\":\"front\",\"nodes\":[\"http://cp1:80\"]}],"
                        + "\"headers\":{\"X-Purge-Key\":\"k\"}}");
        assertThat(cdn.method()).isEqualTo("PURGE");
        assertThat(cdn.headers()).containsExactly(Map.entry("X-Purge-Key", "k"));

        assertThatThrownBy(() -> ConfigDocuments.parse("/ripple/purge-targets/esams/cdn",
                "{\"region\":\"esams\",\"name\":\"cdn\",\"type\":\"http\",\"method\":\"PURGE NOW\",\"headers\":{\"Host\":\"x\"},"
                        + "\"tiers\":[{\"name\":\"front\",\"nodes\":[\"http://cp1:80\"]}]}"))
                .hasMessageContaining("method: 'PURGE NOW' is not an HTTP method")
                .hasMessageContaining("headers.Host: is not a header this target may set");
        assertThatThrownBy(() -> ConfigDocuments.parse("/ripple/purge-targets/esams/cache",
                "{\"region\":\"esams\",\"name\":\"cache\",\"type\":\"redis\",\"method\":\"PURGE\"}"))
                .hasMessageContaining("method: only http targets have it");
    }

    @Test
    void shouldBuildDocumentsInCodeWithTheSameChecks() {
        assertThat(StreamDoc.of("edits").maxEventBytes()).isEqualTo(StreamDoc.DEFAULT_MAX_EVENT_BYTES);
        assertThat(RegionDoc.of("eqiad").key()).isEqualTo("/ripple/regions/eqiad");
        assertThatThrownBy(() -> new RuleDoc("r", List.of(), null, null, null, null, null))
                .isInstanceOfSatisfying(InvalidDocumentException.class, e -> assertThat(e.problems())
                        .extracting(Problem::toString)
                        .containsExactly("streams: must not be empty", "a rule must replicate, purge, or both"));
    }

    @Test
    void shouldTakeTheNameOrIdFromTheKeyWhenTheDocumentLeavesItOut() throws Exception {
        String producer = ConfigDocuments.prepareForWrite("/ripple/producers/wiki",
                "{\"token\": \"wiki.secret-token-0123456789\", \"streams\": [\"edits\"]}", Optional.empty());
        String stream = ConfigDocuments.prepareForWrite("/ripple/streams/edits", "{}", Optional.empty());

        assertThat(((ProducerDoc) ConfigDocuments.parse("/ripple/producers/wiki", producer)).id()).isEqualTo("wiki");
        assertThat(((StreamDoc) ConfigDocuments.parse("/ripple/streams/edits", stream)).name()).isEqualTo("edits");
    }
}
