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
 * A Lua script of this package ({@code purge.lua}, {@code fill.lua}, {@code tombstone.lua}), after the helpers they
 * share ({@code prelude.lua}: Redis scripts cannot include one another), with its SHA-1, for {@code EVALSHA}. After
 * a Redis restart the script cache is empty: callers load the script on {@code NOSCRIPT} and send again.
 */
final class LuaScript {
    static final LuaScript PURGE = resource("purge.lua");
    static final LuaScript FILL = resource("fill.lua");
    static final LuaScript TOMBSTONE = resource("tombstone.lua");

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

    /** The KEYS of {@code purge.lua} for a batch: the tombstone index, then per request its keys and tag sets. */
    static String[] purgeKeys(List<PurgeRequest> batch) {
        int size = 1;
        for (PurgeRequest request : batch) {
            size += request.keys().size() + request.tags().size();
        }
        String[] out = new String[size];
        out[0] = CacheKeys.TOMBSTONES;
        int at = 1;
        for (PurgeRequest request : batch) {
            for (String key : request.keys()) {
                out[at++] = key;
            }
            for (String tag : request.tags()) {
                out[at++] = CacheKeys.tag(tag);
            }
        }
        return out;
    }

    /**
     * The ARGV of {@code purge.lua} for a batch: tombstone TTL, purge count, then either {@code "n:m"} and per
     * request its revision, when every request has n keys and m tags (one rule's purges do), or {@code ""} and per
     * request its key count, tag count and revision. A revision is '' for none (or a negative one).
     */
    static String[] purgeArgs(List<PurgeRequest> batch, long tombstoneMs) {
        int keys = batch.get(0).keys().size();
        int tags = batch.get(0).tags().size();
        boolean sameShape = true;
        for (PurgeRequest request : batch) {
            sameShape &= request.keys().size() == keys && request.tags().size() == tags;
        }
        String[] out = new String[3 + (sameShape ? 1 : 3) * batch.size()];
        out[0] = Long.toString(tombstoneMs);
        out[1] = Integer.toString(batch.size());
        out[2] = sameShape ? keys + ":" + tags : "";
        int at = 3;
        for (PurgeRequest request : batch) {
            if (!sameShape) {
                out[at++] = Integer.toString(request.keys().size());
                out[at++] = Integer.toString(request.tags().size());
            }
            Long revision = request.revision();
            out[at++] = revision == null || revision < 0 ? "" : Long.toString(revision);
        }
        return out;
    }

    private static LuaScript resource(String name) {
        return new LuaScript(text("prelude.lua") + text(name));
    }

    private static String text(String name) {
        try (InputStream in = LuaScript.class.getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException(name + " is missing from the classpath");
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("Could not read " + name, e);
        }
    }
}
