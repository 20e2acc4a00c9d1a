package dev.ripple.cachepurger.internal;

import dev.ripple.cachepurger.CacheKeys;
import dev.ripple.events.PurgeRequest;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;

/**
 * A Lua script of this package ({@code purge.lua}, {@code fill.lua}) with its SHA-1, for {@code EVALSHA}. After a
 * Redis restart the script cache is empty: callers load the script on {@code NOSCRIPT} and send again.
 */
final class LuaScript {
    static final LuaScript PURGE = resource("purge.lua");
    static final LuaScript FILL = resource("fill.lua");

    private final String text;
    private final String sha;

    private LuaScript(String text) {
        this.text = text;
        try {
            sha = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-1")
                    .digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("The JDK has no SHA-1", e);
        }
    }

    String text() {
        return text;
    }

    String sha() {
        return sha;
    }

    /** The KEYS of {@code purge.lua} for a request: its keys, their tombstones, its tag sets. */
    static String[] purgeKeys(PurgeRequest request) {
        List<String> keys = request.keys();
        List<String> tags = request.tags();
        String[] out = new String[keys.size() * 2 + tags.size()];
        for (int i = 0; i < keys.size(); i++) {
            out[i] = keys.get(i);
            out[keys.size() + i] = CacheKeys.tombstone(keys.get(i));
        }
        for (int j = 0; j < tags.size(); j++) {
            out[keys.size() * 2 + j] = CacheKeys.tag(tags.get(j));
        }
        return out;
    }

    /** The ARGV of {@code purge.lua}: key count, revision ('' for none or a negative one), tombstone TTL. */
    static String[] purgeArgs(PurgeRequest request, long tombstoneMs) {
        Long revision = request.revision();
        return new String[] {Integer.toString(request.keys().size()),
                revision == null || revision < 0 ? "" : Long.toString(revision), Long.toString(tombstoneMs)};
    }

    private static LuaScript resource(String name) {
        try (InputStream in = LuaScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return new LuaScript(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + name, e);
        }
    }
}
