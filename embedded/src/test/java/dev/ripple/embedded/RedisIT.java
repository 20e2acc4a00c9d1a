package dev.ripple.embedded;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.ripple.embedded.junit.RedisExtension;
import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;

@ExtendWith(RedisExtension.class)
class RedisIT {

    @Test
    void shouldSetAndGetOnTheSystemRedis(RedisProcess redis) {
        assertThat(roundTrip(redis.uri())).isEqualTo("hello from ripple");
    }

    @Test
    void shouldSetAndGetOnTheBundledRedisAndRefuseConnectionsAfterClose() {
        // given the bundled Redis that 'ripple up' uses
        EmbeddedRedis embedded = EmbeddedRedis.start();
        String uri = embedded.uri();
        try {
            // then it serves reads and writes
            assertThat(roundTrip(uri)).isEqualTo("hello from ripple");
        } finally {
            embedded.close();
        }
        // and after close nothing listens there any more
        assertThatThrownBy(() -> roundTrip(uri)).isInstanceOf(io.lettuce.core.RedisConnectionException.class);
    }

    @Test
    void shouldRefuseConnectionsWhileStoppedAndServeWhatWasSavedOnTheSamePortAfterARestart() {
        // given a redis-server of its own holding a saved key
        RedisProcess own = RedisProcess.start();
        try {
            RedisClient client = RedisClient.create(own.uri());
            try (StatefulRedisConnection<String, String> connection = client.connect()) {
                connection.sync().set("ripple:it:kept", "saved");
                connection.sync().save();
            } finally {
                client.shutdown();
            }

            // when it stops
            own.stopKeepingData();

            // then nothing answers on its port
            assertThat(own.isAlive()).isFalse();
            assertThatThrownBy(() -> roundTrip(own.uri())).isInstanceOf(io.lettuce.core.RedisConnectionException.class);

            // and after a restart the same port serves the saved key again
            own.restart();
            RedisClient again = RedisClient.create(own.uri());
            try (StatefulRedisConnection<String, String> connection = again.connect()) {
                assertThat(connection.sync().get("ripple:it:kept")).isEqualTo("saved");
            } finally {
                again.shutdown();
            }
        } finally {
            own.close();
        }
    }

    private static String roundTrip(String uri) {
        RedisClient client = RedisClient.create(uri);
        try (StatefulRedisConnection<String, String> connection = client.connect()) {
            connection.sync().set("ripple:it:greeting", "hello from ripple");
            return connection.sync().get("ripple:it:greeting");
        } finally {
            client.shutdown();
        }
    }
}
