package dev.ripple.propagator;

import dev.ripple.config.ConfigDocument;
import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.ConitDoc;
import dev.ripple.config.MatchCondition;
import dev.ripple.config.RegionDoc;
import dev.ripple.config.RuleDoc;
import dev.ripple.config.StreamDoc;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** Config snapshots for tests, built in code. */
final class TestConfig {
    private final List<ConfigDocument> documents = new ArrayList<>();

    private TestConfig() {}

    /** Stream {@code edits} and the given regions. */
    static TestConfig regions(String... regions) {
        TestConfig config = new TestConfig();
        config.documents.add(StreamDoc.of("edits"));
        for (String region : regions) {
            config.documents.add(RegionDoc.of(region));
        }
        return config;
    }

    /** Stream {@code edits} carrying dependencies as {@code tracking} says, and the given regions. */
    static TestConfig tracked(StreamDoc.Dependencies tracking, String... regions) {
        TestConfig config = new TestConfig();
        config.documents.add(StreamDoc.of("edits").withDependencies(tracking));
        for (String region : regions) {
            config.documents.add(RegionDoc.of(region));
        }
        return config;
    }

    TestConfig with(ConfigDocument document) {
        documents.add(document);
        return this;
    }

    ConfigSnapshot snapshot(long revision) {
        return ConfigSnapshot.of(revision, documents);
    }

    RuleSet ruleSet(long revision) {
        return RuleSet.compile(snapshot(revision));
    }

    /** A rule that replicates every event of {@code edits} to {@code regions} and purges nothing. */
    static RuleDoc replicateAll(String name, String... regions) {
        return new RuleDoc(name, List.of("edits"), Map.of(), Map.of(), new RuleDoc.Replicate(List.of(regions)),
                null, 0L);
    }

    /** The demo's page rule: enwiki keys, not the canary domain, replicated everywhere, purged by title. */
    static RuleDoc pageRule(long coalesceMs) {
        return new RuleDoc("page-edits", List.of("edits"),
                Map.of("key", MatchCondition.regex("^enwiki:(?<title>.+)$"),
                        "op", MatchCondition.oneOf("upsert", "delete", "invalidate")),
                Map.of("meta.domain", MatchCondition.regex("^canary\\.example\\.org$")),
                new RuleDoc.Replicate(List.of("*")),
                new RuleDoc.Purge(List.of("https://{meta.domain}/wiki/{title}"), List.of("page:{key}"),
                        List.of("page:{key}")), coalesceMs);
    }

    static ConitDoc conit(String name, String glob) {
        return new ConitDoc(name, ConitDoc.KeyPattern.glob(glob), new ConitDoc.Bounds(5000L, null, null),
                ConitDoc.Enforcement.ALERT);
    }

    static StreamDoc lastWriterWins(String stream) {
        return new StreamDoc(stream, null, null, StreamDoc.ConflictPolicy.LAST_WRITER_WINS);
    }
}
