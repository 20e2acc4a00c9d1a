package dev.ripple.cachepurger.internal;

import dev.ripple.cachepurger.CacheKeys;
import dev.ripple.events.PurgeRequest;
import dev.ripple.runtime.redis.LuaScript;
import java.util.List;

/**
 * The purger's Lua scripts ({@code purge.lua}, {@code fill.lua}, {@code tombstone.lua}), each after the helpers they
 * share ({@code prelude.lua}), and the KEYS and ARGV of {@code purge.lua}. They run through {@link LuaScript}, which
 * reloads a script a restarted Redis no longer has.
 */
final class PurgeScripts {
    static final LuaScript PURGE = LuaScript.resource(PurgeScripts.class, "prelude.lua", "purge.lua");
    static final LuaScript FILL = LuaScript.resource(PurgeScripts.class, "prelude.lua", "fill.lua");
    static final LuaScript TOMBSTONE = LuaScript.resource(PurgeScripts.class, "prelude.lua", "tombstone.lua");

    private PurgeScripts() {}

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
}
