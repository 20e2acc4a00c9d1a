package dev.ripple.embedded;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.ripple.embedded.junit.EtcdExtension;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.Watch;
import io.etcd.jetcd.options.WatchOption;
import io.etcd.jetcd.watch.WatchEvent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(EtcdExtension.class)
class EtcdProcessIT {

    @Test
    void shouldStoreReadBackAndNotifyWatchersOfPuts(EtcdProcess etcd) throws Exception {
        ByteSequence key = ByteSequence.from("/ripple-it/regions/eqiad", UTF_8);
        try (Client client = Client.builder().endpoints(etcd.endpoint()).build()) {
            // given a watcher on the key from the store's next revision on (a watch is set up asynchronously: without
            // a start revision, a put that lands before the server has it would never be told)
            List<String> seen = new CopyOnWriteArrayList<>();
            long next = client.getKVClient().get(key).get().getHeader().getRevision() + 1;
            try (Watch.Watcher watcher = client.getWatchClient().watch(key,
                    WatchOption.builder().withRevision(next).build(), Watch.listener(response ->
                    response.getEvents().stream()
                            .filter(e -> e.getEventType() == WatchEvent.EventType.PUT)
                            .forEach(e -> seen.add(e.getKeyValue().getValue().toString(UTF_8)))))) {
                // when a value is put
                client.getKVClient().put(key, ByteSequence.from("{\"name\":\"eqiad\"}", UTF_8)).get();

                // then it reads back, and the watcher hears of it
                String stored = client.getKVClient().get(key).get().getKvs().get(0).getValue().toString(UTF_8);
                assertThat(stored).isEqualTo("{\"name\":\"eqiad\"}");
                await().atMost(Duration.ofSeconds(10)).until(() -> seen.contains("{\"name\":\"eqiad\"}"));
            }
        }
    }

    @Test
    void shouldLeaveNoProcessOrDirectoryBehindOnClose() {
        // given an etcd of its own
        EtcdProcess own = EtcdProcess.start();
        long pid = own.pid();
        Path dataDir = own.dataDir();

        // when it is closed
        own.close();

        // then the process is gone and so is its data
        assertThat(ProcessHandle.of(pid).map(ProcessHandle::isAlive)).isNotEqualTo(Optional.of(true));
        assertThat(dataDir).doesNotExist();
    }

    @Test
    void shouldKeepKeysAndEndpointAcrossARestart() throws Exception {
        // given an etcd of its own holding a key
        ByteSequence key = ByteSequence.from("/ripple-it/epoch", UTF_8);
        try (EtcdProcess own = EtcdProcess.start();
                Client client = Client.builder().endpoints(own.endpoint()).build()) {
            String endpoint = own.endpoint();
            long before = own.pid();
            client.getKVClient().put(key, ByteSequence.from("7", UTF_8)).get();

            // when it is stopped, keeping its data, and started again
            own.stopKeepingData();
            assertThat(own.isAlive()).isFalse();
            own.restart();

            // then it is a new process on the same endpoint, and the key is still there
            assertThat(own.pid()).isNotEqualTo(before);
            assertThat(own.endpoint()).isEqualTo(endpoint);
            String stored = await().atMost(Duration.ofSeconds(10)).until(
                    () -> client.getKVClient().get(key).get().getKvs(), kvs -> !kvs.isEmpty())
                    .get(0).getValue().toString(UTF_8);
            assertThat(stored).isEqualTo("7");
        }
    }
}
