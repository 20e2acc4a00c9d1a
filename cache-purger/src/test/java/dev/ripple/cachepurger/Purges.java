package dev.ripple.cachepurger;

import dev.ripple.events.PurgeRequest;
import dev.ripple.events.RuleRef;
import dev.ripple.events.SourcePosition;
import dev.ripple.events.Trace;
import dev.ripple.events.Watermark;
import java.time.Instant;
import java.util.List;

/** Purge records for tests, as the propagator would write them for source topic {@value #SOURCE}. */
public final class Purges {
    public static final String SOURCE = "ripple.stream.edits";
    private static final Instant DT = Instant.parse("2026-11-22T10:00:00Z");

    private Purges() {}

    /** A purge of cache keys only. */
    public static PurgeRequest keys(String key, long revision, int partition, long offset, String... keys) {
        return request(key, List.of(keys), List.of(), List.of(), revision, partition, offset);
    }

    /** A purge of tags only. */
    public static PurgeRequest tags(String key, long revision, int partition, long offset, String... tags) {
        return request(key, List.of(), List.of(), List.of(tags), revision, partition, offset);
    }

    /** A purge of URLs only. */
    public static PurgeRequest urls(String key, int partition, long offset, String... urls) {
        return request(key, List.of(), List.of(urls), List.of(), null, partition, offset);
    }

    public static PurgeRequest request(String key, List<String> keys, List<String> urls, List<String> tags,
            Long revision, int partition, long offset) {
        return new PurgeRequest(key, keys, urls, tags, revision, source(partition, offset), new RuleRef("page-edits", 1),
                new Trace(DT, DT));
    }

    public static Watermark watermark(int partition, long offset) {
        return new Watermark(source(partition, offset));
    }

    public static SourcePosition source(int partition, long offset) {
        return new SourcePosition(SOURCE, partition, offset, DT.plusMillis(offset));
    }
}
