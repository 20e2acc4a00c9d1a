package dev.ripple.runtime.latest;

import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Drops the older versions of a key that a latest-state topic still holds. Compaction keeps one record per key only
 * in segments the cleaner has done; the active segment (and what is not cleaned yet) holds every version written
 * there, so a scan meets a busy key many times. This holds the entries of a {@link LatestStateScan} in a bounded
 * window and lets an entry out only when the window is full (or drained), replacing a held entry by a newer one of
 * the same stream and key. Within the window each key is sent once, at its newest version; older versions pushed
 * out before a newer one arrived are sent too, earlier, so per key the order stays the log's (and the applier's
 * version gate makes them harmless).
 *
 * <p>A caller that persists {@link LatestStateScan#next()} to resume must do so only after {@link #drain()}: held
 * entries are past the scan's position but not sent yet. Not thread-safe.
 */
public final class LatestWindow {
    private final int maxEntries;
    private final long maxBytes;
    private final LinkedHashMap<String, LatestEntry> held = new LinkedHashMap<>();
    private long bytes;
    private long superseded;

    /**
     * @param maxEntries at most this many entries held; at least 1
     * @param maxBytes at most about this many bytes of keys and bodies held; at least 1
     */
    public LatestWindow(int maxEntries, long maxBytes) {
        if (maxEntries < 1 || maxBytes < 1) {
            throw new IllegalArgumentException("Invalid window of " + maxEntries + " entries and " + maxBytes
                    + " bytes: both must be at least 1");
        }
        this.maxEntries = maxEntries;
        this.maxBytes = maxBytes;
    }

    /**
     * Holds {@code entry} (in place of an older one of its key, which is dropped and counted).
     *
     * @return the entries pushed out to make room, oldest first: send them now
     */
    public List<LatestEntry> offer(LatestEntry entry) {
        String id = entry.stream() + '\n' + entry.key();
        LatestEntry older = held.remove(id);
        if (older != null) {
            superseded++;
            bytes -= size(older);
        }
        held.put(id, entry);
        bytes += size(entry);
        List<LatestEntry> out = List.of();
        Iterator<Map.Entry<String, LatestEntry>> eldest = held.entrySet().iterator();
        while (held.size() > 1 && (held.size() > maxEntries || bytes > maxBytes)) {
            LatestEntry pushed = eldest.next().getValue();
            eldest.remove();
            bytes -= size(pushed);
            if (out.isEmpty()) {
                out = new ArrayList<>(2);
            }
            out.add(pushed);
        }
        return out;
    }

    /** Every entry still held, oldest first; the window is empty after. */
    public List<LatestEntry> drain() {
        List<LatestEntry> out = new ArrayList<>(held.values());
        held.clear();
        bytes = 0;
        return out;
    }

    /** Entries dropped because a newer one of their key arrived while they were held. */
    public long superseded() {
        return superseded;
    }

    private static long size(LatestEntry entry) {
        String body = entry.event().body();
        return 64L + entry.key().length() + (body == null ? 0 : body.length());
    }
}
