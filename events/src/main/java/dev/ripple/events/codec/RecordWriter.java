package dev.ripple.events.codec;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.ripple.consistency.Position;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.events.ConitLogEntry;
import dev.ripple.events.EditEvent;
import dev.ripple.events.EventMeta;
import dev.ripple.events.PurgeRequest;
import dev.ripple.events.ReplicationRecord;
import dev.ripple.events.RootEvent;
import dev.ripple.events.RuleRef;
import dev.ripple.events.SourcePosition;
import dev.ripple.events.Trace;
import dev.ripple.events.UtcInstants;
import java.io.IOException;
import java.time.Instant;
import java.util.List;

/**
 * Writes the propagator's per-event outputs — replication records, purge requests, conit-log entries — field by
 * field on a streaming generator, as the records' data binding lays them out (same names, order, omitted nulls and
 * empty tags), without the reflective accessor calls of a bean serializer. {@code FastJsonAgreementTest} holds the
 * bytes to the standard serde's.
 */
final class RecordWriter {
    private final JsonFactory factory;

    RecordWriter(JsonFactory factory) {
        this.factory = factory;
    }

    byte[] replication(ReplicationRecord record) throws IOException {
        ByteArrayBuilder out = new ByteArrayBuilder(1024);
        try (JsonGenerator gen = factory.createGenerator(out, JsonEncoding.UTF8)) {
            gen.writeStartObject();
            gen.writeStringField("kind", "replicate");
            gen.writeFieldName("event");
            event(gen, record.event());
            gen.writeFieldName("source");
            source(gen, record.source());
            gen.writeFieldName("deps");
            position(gen, record.deps());
            gen.writeFieldName("rule");
            rule(gen, record.rule());
            gen.writeFieldName("trace");
            trace(gen, record.trace());
            gen.writeEndObject();
        }
        return out.toByteArray();
    }

    byte[] purge(PurgeRequest request) throws IOException {
        ByteArrayBuilder out = new ByteArrayBuilder(512);
        try (JsonGenerator gen = factory.createGenerator(out, JsonEncoding.UTF8)) {
            gen.writeStartObject();
            gen.writeStringField("kind", "purge");
            gen.writeStringField("key", request.key());
            strings(gen, "keys", request.keys());
            strings(gen, "urls", request.urls());
            strings(gen, "tags", request.tags());
            gen.writeFieldName("revision");
            if (request.revision() == null) {
                gen.writeNull();
            } else {
                gen.writeNumber(request.revision());
            }
            gen.writeFieldName("source");
            source(gen, request.source());
            gen.writeFieldName("rule");
            rule(gen, request.rule());
            gen.writeFieldName("trace");
            trace(gen, request.trace());
            gen.writeEndObject();
        }
        return out.toByteArray();
    }

    byte[] conitLogEntry(ConitLogEntry entry) throws IOException {
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator gen = factory.createGenerator(out, JsonEncoding.UTF8)) {
            gen.writeStartObject();
            gen.writeStringField("conit", entry.conit());
            gen.writeFieldName("source");
            source(gen, entry.source());
            gen.writeNumberField("weight", entry.weight());
            gen.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void event(JsonGenerator gen, EditEvent event) throws IOException {
        gen.writeStartObject();
        optional(gen, "$schema", event.schema());
        gen.writeFieldName("meta");
        meta(gen, event.meta());
        gen.writeStringField("key", event.key());
        gen.writeStringField("op", event.op().wireName());
        if (event.revision() != null) {
            gen.writeNumberField("revision", event.revision().longValue());
        }
        if (event.baseRevision() != null) {
            gen.writeNumberField("base_revision", event.baseRevision().longValue());
        }
        optional(gen, "content_type", event.contentType());
        optional(gen, "body", event.body());
        if (!event.tags().isEmpty()) {
            strings(gen, "tags", event.tags());
        }
        if (event.weight() != null) {
            gen.writeNumberField("weight", event.weight().doubleValue());
        }
        if (event.rootEvent() != null) {
            RootEvent root = event.rootEvent();
            gen.writeObjectFieldStart("root_event");
            gen.writeStringField("id", root.id());
            instant(gen, "dt", root.dt());
            gen.writeEndObject();
        }
        optional(gen, "triggered_by", event.triggeredBy());
        gen.writeEndObject();
    }

    private static void meta(JsonGenerator gen, EventMeta meta) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("id", meta.id());
        instant(gen, "dt", meta.dt());
        gen.writeStringField("stream", meta.stream());
        optional(gen, "uri", meta.uri());
        optional(gen, "domain", meta.domain());
        optional(gen, "request_id", meta.requestId());
        optional(gen, "origin", meta.origin());
        gen.writeEndObject();
    }

    private static void source(JsonGenerator gen, SourcePosition source) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("topic", source.topic());
        gen.writeNumberField("partition", source.partition());
        gen.writeNumberField("offset", source.offset());
        instant(gen, "dt", source.dt());
        gen.writeEndObject();
    }

    private static void rule(JsonGenerator gen, RuleRef rule) throws IOException {
        gen.writeStartObject();
        gen.writeStringField("name", rule.name());
        gen.writeNumberField("ruleSetVersion", rule.ruleSetVersion());
        gen.writeEndObject();
    }

    private static void trace(JsonGenerator gen, Trace trace) throws IOException {
        gen.writeStartObject();
        instant(gen, "accepted", trace.accepted());
        instant(gen, "propagated", trace.propagated());
        gen.writeEndObject();
    }

    /** As {@code FastJson}'s position serializer writes it. */
    static void position(JsonGenerator gen, Position value) throws IOException {
        gen.writeStartObject();
        gen.writeNumberField("epoch", value.epoch());
        gen.writeObjectFieldStart("offsets");
        for (TopicPartitionKey partition : value.partitions()) {
            gen.writeNumberField(partition.toString(), value.offset(partition));
        }
        gen.writeEndObject();
        gen.writeEndObject();
    }

    private static void instant(JsonGenerator gen, String name, Instant value) throws IOException {
        gen.writeStringField(name, UtcInstants.format(value));
    }

    private static void optional(JsonGenerator gen, String name, String value) throws IOException {
        if (value != null) {
            gen.writeStringField(name, value);
        }
    }

    private static void strings(JsonGenerator gen, String name, List<String> values) throws IOException {
        gen.writeArrayFieldStart(name);
        for (String value : values) {
            gen.writeString(value);
        }
        gen.writeEndArray();
    }
}
