package dev.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.embedded.EtcdProcess;
import dev.ripple.embedded.junit.EtcdExtension;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import java.time.Clock;
import java.time.Duration;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

/** A ConfigView on real etcd, changed behind its back with etcdctl. */
@ExtendWith(EtcdExtension.class)
class ConfigViewIT {
    private static final String NEW_RULE = """
            {"name": "talk-edits", "streams": ["edits"], "match": {"key": "^enwiki:Talk:"},
             "replicate": {"regions": ["eqiad", "esams"]}}""";

    private EtcdProcess etcd;
    private String namespace;
    private ConfigStore store;
    private ConfigView view;

    @BeforeEach
    void openViewOnTheDemoConfig(EtcdProcess etcd) {
        this.etcd = etcd;
        this.namespace = "/it-" + UUID.randomUUID();
        this.store = ConfigStore.etcd(EtcdOptions.builder().endpoints(etcd.endpoint()).namespace(namespace).build());
        DemoConfig.seed(store);
        this.view = ConfigView.open(store, Clock.systemUTC());
    }

    @AfterEach
    void close() {
        view.close();
        store.close();
    }

    @Test
    void shouldSeeARulePutWithEtcdctlWithinASecond() {
        assertThat(view.snapshot().rules()).containsOnlyKeys("page-edits");

        Etcdctl.put(etcd.endpoint(), namespace + "/ripple/rules/talk-edits", NEW_RULE);

        await().atMost(Duration.ofSeconds(1)).pollInterval(Duration.ofMillis(10))
                .until(() -> view.snapshot().rules().containsKey("talk-edits"));
        RuleDoc rule = view.snapshot().rules().get("talk-edits");
        assertThat(rule.replicatesTo("esams")).isTrue();
        assertThat(rule.replicatesTo("codfw")).isFalse();
    }

    @Test
    void shouldKeepTheLastGoodRuleInForceAndReportAnInvalidOneWrittenWithEtcdctl() {
        SimpleMeterRegistry registry = new SimpleMeterRegistry();
        view.metrics().bindTo(registry);
        RuleDoc good = view.snapshot().rules().get("page-edits");

        Etcdctl.put(etcd.endpoint(), namespace + "/ripple/rules/page-edits",
                "{\"name\": \"page-edits\", \"streams\": [\"edits\"], \"match\": {\"key\": \"^enwiki:(\"},"
                        + " \"replicate\": {\"regions\": [\"*\"]}}");

        await().atMost(Duration.ofSeconds(5)).until(() -> !view.problems().isEmpty());
        assertThat(view.snapshot().rules().get("page-edits")).isEqualTo(good);
        assertThat(view.problems()).singleElement().satisfies(problem -> {
            assertThat(problem.key()).isEqualTo("/ripple/rules/page-edits");
            assertThat(problem.problems()).extracting(Problem::field).containsExactly("match.key");
            assertThat(problem.lastGoodRevision()).isNotNull();
        });
        assertThat(registry.get(ConfigMetricNames.REJECTED).tag("kind", "rule").functionCounter().count())
                .isEqualTo(1);
        assertThat(ConfigCheck.run(store, Clock.systemUTC()).invalid()).extracting(ConfigProblem::key)
                .containsExactly("/ripple/rules/page-edits");
    }
}
