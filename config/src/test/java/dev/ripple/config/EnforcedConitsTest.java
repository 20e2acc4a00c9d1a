package dev.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class EnforcedConitsTest {
    private final ConfigStore store = ConfigStore.inMemory();

    @AfterEach
    void close() {
        store.close();
    }

    @Test
    void shouldFindTheConitsOfOneEnforcementCoveringAKeyAndFollowConfigChanges() throws Exception {
        // given a gating conit on enwiki pages and a throttling one on all pages
        store.txnRun(txn -> {
            ConfigDocuments.put(txn, conit("enwiki", ConitDoc.KeyPattern.glob("enwiki:*"),
                    ConitDoc.Enforcement.GATE_READS));
            ConfigDocuments.put(txn, conit("all", ConitDoc.KeyPattern.glob("*"),
                    ConitDoc.Enforcement.THROTTLE_WRITES));
        });
        try (ConfigView view = ConfigView.open(store, Clock.systemUTC())) {
            EnforcedConits gates = new EnforcedConits(view, ConitDoc.Enforcement.GATE_READS);

            // then only the gating conit covers an enwiki key, and nothing covers another wiki's key
            assertThat(gates.covering("enwiki:Main_Page")).extracting(ConitDoc::name).containsExactly("enwiki");
            assertThat(gates.covering("dewiki:Hauptseite")).isEmpty();

            // when a second gating conit is added to the config
            long revision = store.put(ConfigKeys.conit("dewiki"), ConfigDocuments.toJson(conit("dewiki",
                    ConitDoc.KeyPattern.glob("dewiki:*"), ConitDoc.Enforcement.GATE_READS)));
            await().atMost(Duration.ofSeconds(5)).until(() -> view.snapshot().revision() >= revision);

            // then its keys are covered from the next call on
            assertThat(gates.covering("dewiki:Hauptseite")).extracting(ConitDoc::name).containsExactly("dewiki");
        }
    }

    private static ConitDoc conit(String name, ConitDoc.KeyPattern keys, ConitDoc.Enforcement enforcement) {
        return new ConitDoc(name, keys, new ConitDoc.Bounds(60_000L, 3L, null), enforcement);
    }
}
