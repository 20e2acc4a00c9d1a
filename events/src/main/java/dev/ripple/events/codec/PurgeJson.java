package dev.ripple.events.codec;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonToken;
import dev.ripple.events.EventJson;
import dev.ripple.events.PurgeRecord;
import dev.ripple.events.PurgeRequest;
import dev.ripple.events.RuleRef;
import dev.ripple.events.SourcePosition;
import dev.ripple.events.Trace;
import dev.ripple.events.UtcInstants;
import dev.ripple.events.Watermark;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Purge records in the plain shape the shared serde writes, read straight off Jackson's token stream: data binding
 * (a creator per record type, property buffering for the type id) was most of the loop thread's time in profiles.
 * Anything else (another field order for {@code kind}, an unknown or repeated field, a value of another type, a
 * missing field, an instant in another form, a value a record refuses) is not read here: {@link #read} answers
 * null and {@link FastJson#readPurgeRecord} leaves the record to data binding, which reads or refuses it as the shared serde would. So
 * both paths accept the same records and give the same values. Thread-safe.
 */
final class PurgeJson {
    private static final JsonFactory FACTORY = EventJson.mapper().getFactory();

    /** Thrown (without a stack) when the record is not in the plain shape. */
    private static final class NotPlain extends RuntimeException {
        NotPlain() {
            super(null, null, false, false);
        }
    }

    private static final NotPlain NOT_PLAIN = new NotPlain();

    private PurgeJson() {}

    /** The record, or null if it is not in the plain shape (or not JSON at all). */
    static PurgeRecord read(byte[] value) {
        try (JsonParser parser = FACTORY.createParser(value)) {
            return record(parser);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    private static PurgeRecord record(JsonParser p) throws IOException {
        expect(p.nextToken() == JsonToken.START_OBJECT && "kind".equals(p.nextFieldName()));
        String kind = p.nextTextValue();
        if ("watermark".equals(kind)) {
            expect("source".equals(p.nextFieldName()) && p.nextToken() == JsonToken.START_OBJECT);
            SourcePosition source = source(p);
            expect(p.nextToken() == JsonToken.END_OBJECT);
            return new Watermark(source);
        }
        expect("purge".equals(kind));
        String key = null;
        List<String> keys = null;
        List<String> urls = null;
        List<String> tags = null;
        Long revision = null;
        boolean revisionSeen = false;
        SourcePosition source = null;
        RuleRef rule = null;
        Trace trace = null;
        for (String name; (name = p.nextFieldName()) != null; ) {
            JsonToken token = p.nextToken();
            switch (name) {
                case "key" -> {
                    expect(key == null);
                    key = text(p, token);
                }
                case "keys" -> {
                    expect(keys == null);
                    keys = strings(p, token);
                }
                case "urls" -> {
                    expect(urls == null);
                    urls = strings(p, token);
                }
                case "tags" -> {
                    expect(tags == null);
                    tags = strings(p, token);
                }
                case "revision" -> {
                    expect(!revisionSeen);
                    revisionSeen = true;
                    revision = token == JsonToken.VALUE_NULL ? null : longValue(p, token);
                }
                case "source" -> {
                    expect(source == null && token == JsonToken.START_OBJECT);
                    source = source(p);
                }
                case "rule" -> {
                    expect(rule == null && token == JsonToken.START_OBJECT);
                    rule = rule(p);
                }
                case "trace" -> {
                    expect(trace == null && token == JsonToken.START_OBJECT);
                    trace = trace(p);
                }
                default -> throw NOT_PLAIN;
            }
        }
        expect(p.currentToken() == JsonToken.END_OBJECT && key != null && keys != null && urls != null
                && tags != null && source != null && rule != null && trace != null);
        return new PurgeRequest(key, keys, urls, tags, revision, source, rule, trace);
    }

    private static SourcePosition source(JsonParser p) throws IOException {
        String topic = null;
        int partition = -1;
        long offset = -1;
        Instant dt = null;
        for (String name; (name = p.nextFieldName()) != null; ) {
            JsonToken token = p.nextToken();
            switch (name) {
                case "topic" -> {
                    expect(topic == null);
                    topic = text(p, token);
                }
                case "partition" -> {
                    expect(partition < 0 && token == JsonToken.VALUE_NUMBER_INT
                            && p.getNumberType() == JsonParser.NumberType.INT);
                    partition = p.getIntValue();
                    expect(partition >= 0);
                }
                case "offset" -> {
                    expect(offset < 0);
                    offset = longValue(p, token);
                    expect(offset >= 0);
                }
                case "dt" -> {
                    expect(dt == null);
                    dt = instant(p, token);
                }
                default -> throw NOT_PLAIN;
            }
        }
        expect(topic != null && partition >= 0 && offset >= 0 && dt != null);
        return new SourcePosition(topic, partition, offset, dt);
    }

    private static RuleRef rule(JsonParser p) throws IOException {
        String name = null;
        long version = -1;
        for (String field; (field = p.nextFieldName()) != null; ) {
            JsonToken token = p.nextToken();
            switch (field) {
                case "name" -> {
                    expect(name == null);
                    name = text(p, token);
                }
                case "ruleSetVersion" -> {
                    expect(version < 0);
                    version = longValue(p, token);
                    expect(version >= 0);
                }
                default -> throw NOT_PLAIN;
            }
        }
        expect(name != null && version >= 0);
        return new RuleRef(name, version);
    }

    private static Trace trace(JsonParser p) throws IOException {
        Instant accepted = null;
        Instant propagated = null;
        for (String name; (name = p.nextFieldName()) != null; ) {
            JsonToken token = p.nextToken();
            switch (name) {
                case "accepted" -> {
                    expect(accepted == null);
                    accepted = instant(p, token);
                }
                case "propagated" -> {
                    expect(propagated == null);
                    propagated = instant(p, token);
                }
                default -> throw NOT_PLAIN;
            }
        }
        expect(accepted != null && propagated != null);
        return new Trace(accepted, propagated);
    }

    private static String text(JsonParser p, JsonToken token) throws IOException {
        expect(token == JsonToken.VALUE_STRING);
        return p.getText();
    }

    private static long longValue(JsonParser p, JsonToken token) throws IOException {
        expect(token == JsonToken.VALUE_NUMBER_INT && (p.getNumberType() == JsonParser.NumberType.INT
                || p.getNumberType() == JsonParser.NumberType.LONG));
        return p.getLongValue();
    }

    private static Instant instant(JsonParser p, JsonToken token) throws IOException {
        Instant instant = UtcInstants.parse(text(p, token));
        expect(instant != null);
        return instant;
    }

    private static List<String> strings(JsonParser p, JsonToken token) throws IOException {
        expect(token == JsonToken.START_ARRAY);
        List<String> out = new ArrayList<>(2);
        for (JsonToken next; (next = p.nextToken()) != JsonToken.END_ARRAY; ) {
            out.add(text(p, next));
        }
        return out;
    }

    private static void expect(boolean plain) {
        if (!plain) {
            throw NOT_PLAIN;
        }
    }
}
