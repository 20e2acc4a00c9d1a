package dev.ripple.consistency.internal;

import dev.ripple.consistency.Dot;
import dev.ripple.consistency.TopicPartitionKey;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Parsing with interning: a history of a million operations names the same few dozen partitions millions
 * of times, and sharing the instances keeps positions small.
 */
public final class TopicPartitionKeys {

    private static final int MAX_CACHED = 100_000;
    private static final ConcurrentHashMap<String, TopicPartitionKey> CACHE = new ConcurrentHashMap<>();

    private TopicPartitionKeys() {
    }

    public static TopicPartitionKey parse(String text) {
        TopicPartitionKey cached = CACHE.get(text);
        if (cached != null) {
            return cached;
        }
        TopicPartitionKey parsed = TopicPartitionKey.parse(text);
        if (CACHE.size() < MAX_CACHED) {
            CACHE.putIfAbsent(text, parsed);
        }
        return parsed;
    }

    public static Dot parseDot(String text) {
        int at = text.lastIndexOf('@');
        if (at <= 0 || at == text.length() - 1) {
            return Dot.parse(text);
        }
        long offset;
        try {
            offset = Long.parseLong(text, at + 1, text.length(), 10);
        } catch (NumberFormatException e) {
            return Dot.parse(text);
        }
        return new Dot(parse(text.substring(0, at)), offset);
    }
}
