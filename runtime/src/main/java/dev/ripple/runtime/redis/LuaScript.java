package dev.ripple.runtime.redis;

import dev.ripple.runtime.failure.Failures;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.api.sync.RedisCommands;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * A Lua script run by {@code EVALSHA}. A Redis that has not cached it (restarted, or {@code SCRIPT FLUSH}) answers
 * {@code NOSCRIPT}: the script is then loaded ({@code SCRIPT LOAD}) and sent once more, so the next call finds it
 * cached. Immutable and thread-safe; the commands passed in decide the connection.
 */
public final class LuaScript {
    private final String name;
    private final String text;
    private final String sha;

    private LuaScript(String name, String text) {
        this.name = Objects.requireNonNull(name, "name");
        this.text = Objects.requireNonNull(text, "text");
        try {
            sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no SHA-1", e);
        }
    }

    /** A script from its text; {@code name} is for messages. */
    public static LuaScript of(String name, String text) {
        return new LuaScript(name, text);
    }

    /**
     * A script from classpath resources next to {@code anchor}, concatenated in order: Redis scripts cannot include
     * one another, so shared helpers come first ({@code resource(X.class, "prelude.lua", "purge.lua")}).
     *
     * @throws IllegalStateException when a resource is missing
     */
    public static LuaScript resource(Class<?> anchor, String... names) {
        StringBuilder text = new StringBuilder();
        for (String name : names) {
            try (InputStream in = anchor.getResourceAsStream(name)) {
                if (in == null) {
                    throw new IllegalStateException(name + " is missing from the classpath next to "
                            + anchor.getName());
                }
                text.append(new String(in.readAllBytes(), StandardCharsets.UTF_8));
            } catch (IOException e) {
                throw new UncheckedIOException("Could not read " + name, e);
            }
        }
        return new LuaScript(names[names.length - 1], text.toString());
    }

    public String name() {
        return name;
    }

    /** The script's source. */
    public String text() {
        return text;
    }

    /** Its SHA-1, lower-case hex: what {@code EVALSHA} takes. */
    public String sha() {
        return sha;
    }

    /**
     * Runs the script, loading it first when Redis answers {@code NOSCRIPT}.
     *
     * @return the script's result; failed with the Redis failure, unwrapped
     */
    public <T> CompletableFuture<T> run(RedisAsyncCommands<String, String> redis, ScriptOutputType type,
            String[] keys, String... args) {
        return redis.<T>evalsha(sha, type, keys, args).toCompletableFuture()
                .handle((value, error) -> {
                    if (error == null) {
                        return CompletableFuture.completedFuture(value);
                    }
                    Throwable cause = Failures.unwrap(error);
                    if (cause instanceof RedisNoScriptException) {
                        return redis.scriptLoad(text).toCompletableFuture()
                                .thenCompose(loaded -> redis.<T>evalsha(sha, type, keys, args).toCompletableFuture());
                    }
                    return CompletableFuture.<T>failedFuture(cause);
                })
                .thenCompose(next -> next);
    }

    /**
     * {@link #run} on a blocking connection.
     *
     * @throws io.lettuce.core.RedisException as Lettuce throws it
     */
    public <T> T runSync(RedisCommands<String, String> redis, ScriptOutputType type, String[] keys, String... args) {
        try {
            return redis.evalsha(sha, type, keys, args);
        } catch (RedisNoScriptException e) {
            redis.scriptLoad(text);
            return redis.evalsha(sha, type, keys, args);
        }
    }

    @Override
    public String toString() {
        return name + " (" + sha + ")";
    }
}
