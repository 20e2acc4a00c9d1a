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

    /** The KEYS of {@code purge.lua} for a batch: per request, its keys, their tombstones, its tag sets. */
    static String[] purgeKeys(List<PurgeRequest> batch) {
        int size = 0;
        for (PurgeRequest request : batch) {
            size += request.keys().size() * 2 + request.tags().size();
        }
        String[] out = new String[size];
        int at = 0;
        for (PurgeRequest request : batch) {
            List<String> keys = request.keys();
            for (int i = 0; i < keys.size(); i++) {
                out[at + i] = keys.get(i);
                out[at + keys.size() + i] = CacheKeys.tombstone(keys.get(i));
            }
            at += keys.size() * 2;
            for (String tag : request.tags()) {
                out[at++] = CacheKeys.tag(tag);
            }
        }
        return out;
    }

    /**
     * The ARGV of {@code purge.lua} for a batch: tombstone TTL, purge count, then per request its key count, tag
     * count and revision ('' for none or a negative one).
     */
    static String[] purgeArgs(List<PurgeRequest> batch, long tombstoneMs) {
        String[] out = new String[2 + 3 * batch.size()];
        out[0] = Long.toString(tombstoneMs);
        out[1] = Integer.toString(batch.size());
        for (int p = 0; p < batch.size(); p++) {
            PurgeRequest request = batch.get(p);
            Long revision = request.revision();
            out[2 + 3 * p] = Integer.toString(request.keys().size());
            out[3 + 3 * p] = Integer.toString(request.tags().size());
            out[4 + 3 * p] = revision == null || revision < 0 ? "" : Long.toString(revision);
        }
        return out;
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
