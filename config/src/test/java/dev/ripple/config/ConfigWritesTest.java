package dev.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class ConfigWritesTest {
    private final ConfigStore store = ConfigStore.inMemory();

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void shouldRaiseTheEpochAndRefuseToLowerItNamingTheEpochInForce() {
        ConfigWrites.put(store, ConfigKeys.EPOCH, "{\"epoch\": 2}", ConfigWrites.ANY_REVISION);
        ConfigWrites.put(store, ConfigKeys.EPOCH, "{\"epoch\": 3, \"reason\": \"edits repartitioned\"}",
                ConfigWrites.ANY_REVISION);

        assertThatThrownBy(() -> ConfigWrites.put(store, ConfigKeys.EPOCH, "{\"epoch\": 1}",
                ConfigWrites.ANY_REVISION))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("epochs only go up: the epoch in force is 3")
                .hasMessageContaining("raise it to 4");
        assertThat(store.get(ConfigKeys.EPOCH).map(ConfigDocuments::read)).contains(new EpochDoc(3,
                "edits repartitioned"));
    }

    @Test
    void shouldRefuseAnImportThatLowersTheEpochAndWriteNothingOfIt() {
        DemoConfig.seed(store);
        ConfigWrites.put(store, ConfigKeys.EPOCH, "{\"epoch\": 5}", ConfigWrites.ANY_REVISION);
        long before = store.revision();

        assertThatThrownBy(() -> ConfigImport.importText(store, "regions: [{name: ulsfo}]\nepoch: 4\n", false))
                .isInstanceOf(InvalidConfigException.class)
                .hasMessageContaining(ConfigKeys.EPOCH);
        assertThat(store.revision()).isEqualTo(before);
        assertThat(store.get(ConfigKeys.region("ulsfo"))).isEmpty();
        assertThat(ConfigImport.importText(store, "epoch: 6\n", false).updated()).containsExactly(ConfigKeys.EPOCH);
    }

    @Test
    void shouldRefuseARuleNamingADottedRegionEvenWhenAnOldDocumentIsStoredUnderIt() {
        DemoConfig.seed(store);
        // stored before the rule, or past the checks (etcdctl): invalid now, so in no snapshot
        store.put(ConfigKeys.region("eu.west"), "{\"name\": \"eu.west\"}");
        String rule = "{\"name\": \"west\", \"streams\": [\"edits\"], \"replicate\": {\"regions\": [\"eu.west\"]}}";

        assertThatThrownBy(() -> ConfigWrites.put(store, ConfigKeys.rule("west"), rule, ConfigWrites.ANY_REVISION))
                .isInstanceOf(InvalidDocumentException.class)
                .hasMessageContaining("replicate.regions: 'eu.west' cannot name a region")
                .hasMessageContaining("no '.'");
        assertThat(store.get(ConfigKeys.rule("west"))).isEmpty();
    }
}
