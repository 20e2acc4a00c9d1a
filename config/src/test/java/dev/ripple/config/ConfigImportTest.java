package dev.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConfigImportTest {
    private final ConfigStore store = ConfigStore.inMemory();

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void shouldSeedTheDemoConfigWithThreeRegionsOneStreamOneRuleOneConitAndACachePerRegion() {
        ConfigImport.Result result = DemoConfig.seed(store);

        ConfigSnapshot snapshot = ConfigSnapshot.of(result.revision(), store.list(ConfigKeys.ROOT).entries()
                .stream().map(ConfigDocuments::read).toList());
        assertThat(snapshot.regions()).containsOnlyKeys("eqiad", "codfw", "esams");
        assertThat(snapshot.streams()).containsOnlyKeys("edits");
        assertThat(snapshot.rules()).containsOnlyKeys("page-edits");
        assertThat(snapshot.conits()).containsOnlyKeys("enwiki-pages");
        assertThat(snapshot.purgeTargets()).containsOnlyKeys("codfw/cache", "eqiad/cache", "esams/cache");
        assertThat(snapshot.purgeTargets("esams")).singleElement()
                .satisfies(t -> assertThat(t.type()).isEqualTo(PurgeTargetDoc.Type.REDIS));
        assertThat(snapshot.epoch()).isEqualTo(EpochDoc.of(1));
        assertThat(result.created()).hasSize(10);
        assertThat(ConfigCheck.run(store, Clock.systemUTC()).ok()).isTrue();
    }

    @Test
    void shouldChangeNothingWhenTheSameFileIsImportedAgain() {
        long first = DemoConfig.seed(store).revision();

        ConfigImport.Result again = DemoConfig.seed(store);

        assertThat(again.unchanged()).hasSize(10);
        assertThat(again.created()).isEmpty();
        assertThat(again.updated()).isEmpty();
        assertThat(store.revision()).isEqualTo(first);
    }

    @Test
    void shouldSeedOnlyTheRegionsAskedForWithTheirCachesAndOnlyAnEmptyStore() {
        assertThat(DemoConfig.regions()).containsExactly("codfw", "eqiad", "esams");

        assertThat(DemoConfig.seedIfEmpty(store, List.of("codfw"))).isTrue();

        ConfigSnapshot snapshot = ConfigSnapshot.of(store.revision(), store.list(ConfigKeys.ROOT).entries()
                .stream().map(ConfigDocuments::read).toList());
        assertThat(snapshot.regions()).containsOnlyKeys("codfw");
        assertThat(snapshot.purgeTargets()).containsOnlyKeys("codfw/cache");
        assertThat(snapshot.rules()).containsOnlyKeys("page-edits");
        assertThat(snapshot.streams()).containsOnlyKeys("edits");
        assertThat(snapshot.conits()).containsOnlyKeys("enwiki-pages");
        assertThat(snapshot.epoch()).isEqualTo(EpochDoc.of(1));
        assertThat(ConfigCheck.run(store, Clock.systemUTC()).ok()).isTrue();
        // a store that has a config keeps it as it is
        long revision = store.revision();
        assertThat(DemoConfig.seedIfEmpty(store, List.of())).isFalse();
        assertThat(store.revision()).isEqualTo(revision);
    }

    @Test
    void shouldRefuseToSeedARegionTheDemoLacksNamingItsRegionsAndWriteNothing() {
        assertThatThrownBy(() -> DemoConfig.seedIfEmpty(store, List.of("eqiad", "ulsfo")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessage("No region ulsfo in the demo config; its regions are codfw, eqiad, esams.");
        assertThat(store.list(ConfigKeys.ROOT).entries()).isEmpty();
    }

    @Test
    void shouldDeleteWhatTheFileLacksOnlyWhenSyncing() {
        DemoConfig.seed(store);
        store.put(ConfigKeys.region("ulsfo"), ConfigDocuments.toJson(RegionDoc.of("ulsfo")));
        String smaller = """
                regions: [{name: eqiad}]
                streams: [{name: edits}]
                """;

        ConfigImport.Result kept = ConfigImport.importText(store, smaller, false);
        assertThat(kept.deleted()).isEmpty();
        // their descriptions went away
        assertThat(kept.updated()).containsExactly(ConfigKeys.region("eqiad"), ConfigKeys.stream("edits"));

        ConfigImport.Result synced = ConfigImport.importText(store, smaller, true);
        assertThat(synced.deleted()).containsExactly(ConfigKeys.conit("enwiki-pages"),
                ConfigKeys.purgeTarget("codfw", "cache"), ConfigKeys.purgeTarget("eqiad", "cache"),
                ConfigKeys.purgeTarget("esams", "cache"), ConfigKeys.region("codfw"), ConfigKeys.region("esams"),
                ConfigKeys.region("ulsfo"), ConfigKeys.rule("page-edits"));
        assertThat(ConfigStore.keys(store.list(ConfigKeys.ROOT).entries())).containsExactly(
                ConfigKeys.EPOCH, ConfigKeys.region("eqiad"), ConfigKeys.stream("edits"));
    }

    @Test
    void shouldRefuseAFileListingEveryProblemByKeyAndWriteNothing() {
        String bad = """
                regions: [{name: eqiad, redis_uri: "http://not-redis"}, {nmae: codfw}]
                rules: [{name: r1, streams: [edits], replicate: {regions: [eqiad]}, coalesce_ms: "soon"}]
                widgets: []
                """;

        assertThatThrownBy(() -> ConfigImport.importText(store, bad, false))
                .isInstanceOfSatisfying(InvalidConfigException.class, e -> {
                    assertThat(e.problems()).extracting(ConfigProblem::key).containsExactly(
                            "/ripple/regions/eqiad", "regions[1]", "/ripple/rules/r1", "widgets");
                    assertThat(e.getMessage()).contains("redis_uri", "nmae: unknown field", "coalesce_ms",
                            "unknown section");
                });
        assertThat(store.list(ConfigKeys.ROOT).entries()).isEmpty();
    }

    @Test
    void shouldRefuseRulesThatNameStreamsOrRegionsThatDoNotExist() {
        String dangling = """
                regions: [{name: eqiad}]
                rules: [{name: r1, streams: [edits], replicate: {regions: [eqiad, ulsfo]}}]
                """;

        assertThatThrownBy(() -> ConfigImport.importText(store, dangling, false))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining("no stream 'edits'").hasMessageContaining("no region 'ulsfo'");
        assertThat(store.list(ConfigKeys.ROOT).entries()).isEmpty();
    }
}
