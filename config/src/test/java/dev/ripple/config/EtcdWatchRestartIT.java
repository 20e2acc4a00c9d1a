package dev.ripple.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.embedded.EtcdProcess;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** A watch across an etcd outage: the process stopped and started again on the same data directory. */
class EtcdWatchRestartIT {

    @Test
    void shouldSeeEveryChangeInOrderExactlyOnceAcrossAnEtcdRestart() {
        // given an etcd of its own, and a prefix watch that has seen three changes
        try (EtcdProcess etcd = EtcdProcess.start();
                ConfigStore store = ConfigStore.etcd(EtcdOptions.of(etcd.endpoint()))) {
            RecordingListener seen = new RecordingListener();
            try (ConfigWatch watch = store.watchPrefix("/ripple/rules/", 0, seen)) {
                store.put("/ripple/rules/a", "1");
                store.put("/ripple/rules/b", "1");
                store.delete("/ripple/rules/a");
                await().atMost(Duration.ofSeconds(10)).until(() -> seen.events.size() == 3);

                // when etcd goes away and comes back on the same data
                etcd.stopKeepingData();
                await().atMost(Duration.ofSeconds(10)).until(() -> !seen.disconnects.isEmpty());
                etcd.restart();
                await().atMost(Duration.ofSeconds(20)).ignoreExceptions().until(() -> store.revision() > 0);

                // and three more changes are made, possibly before the watch has reconnected
                store.put("/ripple/rules/b", "2");
                store.put("/ripple/rules/c", "1");
                long last = store.delete("/ripple/rules/b") ? store.revision() : -1;

                // then the watch reports the outage, resumes, and has every change once, in order
                await().atMost(Duration.ofSeconds(20)).until(() -> watch.nextRevision() == last + 1);
                assertThat(seen.summary()).containsExactly(
                        "PUT /ripple/rules/a=1", "PUT /ripple/rules/b=1", "DELETE /ripple/rules/a",
                        "PUT /ripple/rules/b=2", "PUT /ripple/rules/c=1", "DELETE /ripple/rules/b");
                assertThat(seen.events).extracting(ChangeEvent::modRevision).isSorted().doesNotHaveDuplicates();
                assertThat(seen.resumes).isNotEmpty();
            }
        }
    }
}
