package dev.ripple.cachepurger.internal;

import dev.ripple.events.SourcePosition;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashMap;
import java.util.Map;
import java.util.StringJoiner;
import java.util.TreeMap;

/**
 * The purge position kept in a committed offset's metadata, so that it survives restarts and rebalances in the
 * same step as the offset: per source topic, the last source offset and its {@code dt}, as
 * {@code v1;<topic>=<offset>@<dt>;…}. The source partition is the purge partition (they are co-partitioned).
 */
final class CommitMetadata {
    private static final String VERSION = "v1";

    private CommitMetadata() {}

    static String encode(Map<String, SourcePosition> advanced) {
        StringJoiner out = new StringJoiner(";");
        out.add(VERSION);
        new TreeMap<>(advanced).forEach((topic, source) -> out.add(topic + "=" + source.offset() + "@" + source.dt()));
        return out.toString();
    }

    /** The positions in {@code metadata} for source partition {@code partition}; empty for null, "" or unknown. */
    static Map<String, SourcePosition> decode(String metadata, int partition) {
        Map<String, SourcePosition> advanced = new HashMap<>();
        if (metadata == null || !metadata.startsWith(VERSION + ";")) {
            return advanced;
        }
        for (String entry : metadata.substring(VERSION.length() + 1).split(";")) {
            int eq = entry.lastIndexOf('=');
            int at = entry.indexOf('@', eq);
            if (eq <= 0 || at < 0) {
                continue;
            }
            try {
                String topic = entry.substring(0, eq);
                advanced.put(topic, new SourcePosition(topic, partition, Long.parseLong(entry.substring(eq + 1, at)),
                        Instant.parse(entry.substring(at + 1))));
            } catch (NumberFormatException | DateTimeParseException e) {
                // written by another version: the position restarts from the next record
            }
        }
        return advanced;
    }
}
