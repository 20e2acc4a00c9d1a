package dev.ripple.prober.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.DemoConfig;
import dev.ripple.events.Op;
import dev.ripple.prober.ProberConfig;
import dev.ripple.runtime.kafka.KafkaSettings;
import dev.ripple.testsupport.TestEvents;
import java.net.URI;
import java.time.Clock;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Where the demo config's rules make a write visible, as the prober plans its looks. */
class TargetsTest {
    private static final URI REDIS = URI.create("redis://127.0.0.1:1");

    private final ConfigSnapshot demo = demo();
    private final ProberConfig config = ProberConfig.defaults(KafkaSettings.of("127.0.0.1:9"))
            .withReadApis(Map.of("eqiad", URI.create("http://eqiad:8082")), URI.create("http://all:8082"))
            .withDefaultRedis(REDIS);

    @Test
    void shouldLookAtEveryRegionsReplicaAndEveryRegionsCacheOfARoutedWriteWithOneReadForCachesOnOneRedis() {
        try (Targets targets = new Targets(config, Clock.systemUTC())) {
            Targets.Plan plan = targets.of(demo, "edits", TestEvents.event("enwiki:Main_Page", Op.UPSERT, 3L, null,
                    "en.example.org"));

            assertThat(plan.cachesSkipped()).isFalse();
            assertThat(plan.targets()).flatExtracting(Target::places).extracting(Place::toString)
                    .containsExactlyInAnyOrder("codfw replica", "eqiad replica", "esams replica", "codfw purge/cache",
                            "eqiad purge/cache", "esams purge/cache");
            assertThat(plan.targets()).filteredOn(TargetsTest::replica).extracting(Object::toString)
                    .contains("eqiad replica at http://eqiad:8082", "codfw replica at http://all:8082");
            // the three regions' caches are the one default Redis: one target, read once a delay for all three
            assertThat(plan.targets()).filteredOn(t -> !replica(t)).singleElement().satisfies(cache -> {
                assertThat(cache.places()).hasSize(3);
                assertThat(cache.toString()).endsWith("[page:enwiki:Main_Page]");
            });
        }
    }

    @Test
    void shouldLookOnlyAtReplicasForAWriteWithoutRevisionAndNowhereForAKeyNoRuleRoutes() {
        try (Targets targets = new Targets(config, Clock.systemUTC())) {
            Targets.Plan unrevised = targets.of(demo, "edits", TestEvents.event("enwiki:Main_Page", Op.UPSERT, null,
                    null, "en.example.org"));
            assertThat(unrevised.cachesSkipped()).isTrue();
            assertThat(unrevised.targets()).allMatch(TargetsTest::replica).hasSize(3);

            assertThat(targets.of(demo, "edits", TestEvents.event("dewiki:Seite", Op.UPSERT, 1L, null,
                    "de.example.org")).targets()).isEmpty();
            assertThat(targets.of(demo, "no-such-stream", TestEvents.event("enwiki:Main_Page", Op.UPSERT, 1L, null,
                    "en.example.org")).targets()).isEmpty();
        }
    }

    @Test
    void shouldNotLookAtReplicasOfRegionsWithoutAReadApi() {
        ProberConfig noDefault = config.withReadApis(Map.of("eqiad", URI.create("http://eqiad:8082")), null);
        try (Targets targets = new Targets(noDefault, Clock.systemUTC())) {
            assertThat(targets.of(demo, "edits", TestEvents.event("enwiki:A", Op.UPSERT, 1L, null, "en.example.org"))
                    .targets()).filteredOn(TargetsTest::replica).flatExtracting(Target::places)
                    .extracting(Place::region).containsExactly("eqiad");
            assertThat(targets.known(demo)).extracting(known -> known.region() + " " + known.target() + " "
                    + known.hops().size()).contains("eqiad replica 3", "eqiad purge/cache 4", "codfw purge/cache 4")
                    .noneMatch(known -> known.startsWith("codfw replica"));
        }
    }

    private static ConfigSnapshot demo() {
        ConfigStore store = ConfigStore.inMemory();
        DemoConfig.seed(store);
        try (ConfigView view = ConfigView.open(store, Clock.systemUTC())) {
            return view.snapshot();
        }
    }

    private static boolean replica(Target target) {
        return target.places().get(0).label().equals("replica");
    }
}
