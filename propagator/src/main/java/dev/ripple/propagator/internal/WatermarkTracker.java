package dev.ripple.propagator.internal;

import java.util.HashMap;
import java.util.Map;

/**
 * What each region topic already covers of each source topic in one task: the highest source offset at or before
 * which nothing more will come for it. Replication records cover their own offset (a region partition carries
 * one source partition's records in source order); watermarks cover theirs. Purge requests cover nothing, because
 * coalescing may hold an older purge back while newer ones go out. In memory: after a restart each region gets
 * one watermark again, which is harmless.
 */
final class WatermarkTracker {
    private final Map<String, Map<String, Long>> covered = new HashMap<>();

    /** Records that {@code outTopic} covers {@code sourceTopic} up to {@code offset}. */
    void cover(String outTopic, String sourceTopic, long offset) {
        covered.computeIfAbsent(outTopic, t -> new HashMap<>()).merge(sourceTopic, offset, Math::max);
    }

    /** Whether a watermark at {@code offset} would claim more than {@code outTopic} covers; if so, covers it. */
    boolean advance(String outTopic, String sourceTopic, long offset) {
        Map<String, Long> bySource = covered.computeIfAbsent(outTopic, t -> new HashMap<>());
        Long before = bySource.get(sourceTopic);
        if (before != null && before >= offset) {
            return false;
        }
        bySource.put(sourceTopic, offset);
        return true;
    }

    void clear() {
        covered.clear();
    }
}
