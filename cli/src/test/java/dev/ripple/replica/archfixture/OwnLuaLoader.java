package dev.ripple.replica.archfixture;

import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.sync.RedisCommands;

/** Breaks the Lua rule on purpose: a service's own NOSCRIPT fallback. */
public final class OwnLuaLoader {
    private OwnLuaLoader() {}

    static Object run(RedisCommands<String, String> redis, String sha, String text) {
        try {
            return redis.evalsha(sha, ScriptOutputType.VALUE);
        } catch (RedisNoScriptException e) {
            redis.scriptLoad(text);
            return redis.evalsha(sha, ScriptOutputType.VALUE);
        }
    }
}
