package dev.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.config.internal.WatchingConfigView;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConfigViewTest {
    private static final Instant NOW = Instant.parse("2026-11-22T10:00:00Z");
    private final ConfigStore store = ConfigStore.inMemory();
    private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void shouldStartFromTheStoreAndFollowChangesTellingListeners() throws Exception {
        DemoConfig.seed(store);
        try (ConfigView view = ConfigView.open(store, clock)) {
            List<ConfigSnapshot> changes = new CopyOnWriteArrayList<>();
            view.addListener((previous, current) -> changes.add(current));
            assertThat(view.snapshot().regions()).containsOnlyKeys("codfw", "eqiad", "esams");

            long revision = store.put(ConfigKeys.region("ulsfo"), ConfigDocuments.toJson(RegionDoc.of("ulsfo")));
            store.delete(ConfigKeys.region("esams"));

            await().atMost(Duration.ofSeconds(5)).until(() -> view.snapshot().revision() == revision + 1);
            assertThat(view.snapshot().regions()).containsOnlyKeys("codfw", "eqiad", "ulsfo");
            assertThat(changes).isNotEmpty();
            assertThat(changes.get(changes.size() - 1)).isEqualTo(view.snapshot());
        }
    }

    @Test
    void shouldKeepTheLastGoodVersionInForceAndReportABadOne() {
        DemoConfig.seed(store);
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        try (ConfigView view = ConfigView.open(store, clock)) {
            view.metrics().bindTo(registry);
            RuleDoc good = view.snapshot().rules().get("page-edits");
            long goodRevision = store.get(ConfigKeys.rule("page-edits")).orElseThrow().modRevision();

            long bad = store.put(ConfigKeys.rule("page-edits"), "{\"name\": \"page-edits\", \"streams\": [edits]");

            await().atMost(Duration.ofSeconds(5)).until(() -> view.snapshot().revision() == bad);
            assertThat(view.snapshot().rules().get("page-edits")).isEqualTo(good);
            assertThat(view.problems()).singleElement().satisfies(problem -> {
                assertThat(problem.key()).isEqualTo("/ripple/rules/page-edits");
                assertThat(problem.modRevision()).isEqualTo(bad);
                assertThat(problem.lastGoodRevision()).isEqualTo(goodRevision);
                assertThat(problem.detectedAt()).isEqualTo(NOW);
                assertThat(problem.describe()).contains("not valid JSON", "stays in force");
            });
            assertThat(view.check().ok()).isFalse();
            assertThat(registry.get(ConfigMetricNames.INVALID_DOCUMENTS).gauge().value()).isEqualTo(1);
            assertThat(registry.get(ConfigMetricNames.REJECTED).tag("kind", "rule").functionCounter().count())
                    .isEqualTo(1);

            // when the document is fixed, the problem goes
            long fixed = store.put(ConfigKeys.rule("page-edits"), ConfigDocuments.toJson(good));
            await().atMost(Duration.ofSeconds(5)).until(() -> view.snapshot().revision() == fixed);
            assertThat(view.problems()).isEmpty();
            assertThat(registry.get(ConfigMetricNames.INVALID_DOCUMENTS).gauge().value()).isZero();
        }
    }

    @Test
    void shouldLeaveOutAnInvalidDocumentThatNeverHadAGoodVersionAndSaySo() {
        store.put(ConfigKeys.stream("edits"), "{\"name\": \"edits\", \"max_event_bytes\": 0}");
        store.put("/ripple/widgets/w", "{}");

        try (ConfigView view = ConfigView.open(store, clock)) {
            assertThat(view.snapshot().streams()).isEmpty();
            assertThat(view.problems()).extracting(ConfigProblem::key)
                    .containsExactly("/ripple/streams/edits", "/ripple/widgets/w");
            assertThat(view.problems().get(0).lastGoodRevision()).isNull();
        }
    }

    @Test
    void shouldReloadAfterCompactionKeepingTheLastGoodVersionOfAStillInvalidDocument() {
        DemoConfig.seed(store);
        try (WatchingConfigView view = WatchingConfigView.open(store, clock)) {
            RuleDoc good = view.snapshot().rules().get("page-edits");
            long bad = store.put(ConfigKeys.rule("page-edits"), "{}");
            await().atMost(Duration.ofSeconds(5)).until(() -> view.snapshot().revision() == bad);

            // when the view is told its history was compacted (as after a long disconnect) and a region went
            store.delete(ConfigKeys.region("esams"));
            view.onCompacted(store.revision());

            // then it reloads the store, and the last good rule is still in force
            assertThat(view.snapshot().regions()).doesNotContainKey("esams");
            assertThat(view.snapshot().rules().get("page-edits")).isEqualTo(good);
            assertThat(view.problems()).extracting(ConfigProblem::key).containsExactly("/ripple/rules/page-edits");
        }
    }
}
