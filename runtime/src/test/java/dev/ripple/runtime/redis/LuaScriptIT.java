package dev.ripple.runtime.redis;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.embedded.EmbeddedRedis;
import io.lettuce.core.RedisClient;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.StatefulRedisConnection;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Scripts run by EVALSHA, and again after a SCRIPT FLUSH (what a restarted Redis looks like). */
class LuaScriptIT {
    private static final LuaScript INCR = LuaScript.of("incr.lua",
            "return redis.call('INCRBY', KEYS[1], ARGV[1])");
    private static EmbeddedRedis redis;
    private static RedisClient client;
    private static StatefulRedisConnection<String, String> connection;

    @BeforeAll
    static void start() {
        redis = EmbeddedRedis.start();
        client = RedisClient.create(redis.uri());
        connection = client.connect();
    }

    @AfterAll
    static void stop() {
        connection.close();
        client.shutdown();
        redis.close();
    }

    @Test
    void shouldRunAScriptRedisHasNotCachedAndCacheIt() {
        // given a Redis whose script cache was flushed
        connection.sync().scriptFlush();

        // when the script runs asynchronously
        Long first = INCR.<Long>run(connection.async(), ScriptOutputType.INTEGER, new String[] {"a"}, "2")
                .orTimeout(5, TimeUnit.SECONDS).join();

        // then it ran once, and Redis now has it cached
        assertThat(first).isEqualTo(2L);
        assertThat(connection.sync().scriptExists(INCR.sha())).containsExactly(true);
    }

    @Test
    void shouldRunABlockingScriptAfterAFlush() {
        connection.sync().scriptFlush();

        Long value = INCR.runSync(connection.sync(), ScriptOutputType.INTEGER, new String[] {"b"}, "3");
        connection.sync().scriptFlush();
        Long again = INCR.runSync(connection.sync(), ScriptOutputType.INTEGER, new String[] {"b"}, "3");

        assertThat(value).isEqualTo(3L);
        assertThat(again).isEqualTo(6L);
    }

    @Test
    void shouldFailWithTheScriptsOwnErrorUnwrapped() {
        LuaScript failing = LuaScript.of("fail.lua", "return redis.error_reply('REFUSED no')");

        assertThat(failing.<Object>run(connection.async(), ScriptOutputType.STATUS, new String[0]))
                .failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                .withMessageContaining("REFUSED no");
    }

    @Test
    void shouldLoadScriptsFromResourcesInOrder() {
        LuaScript script = LuaScript.resource(LuaScriptIT.class, "prelude-test.lua", "main-test.lua");

        assertThat(script.text()).startsWith("local function two()").contains("return two()");
        assertThat(script.<Long>runSync(connection.sync(), ScriptOutputType.INTEGER, new String[0])).isEqualTo(2L);
    }
}
