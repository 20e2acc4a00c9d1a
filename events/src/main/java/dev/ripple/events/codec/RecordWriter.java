package dev.ripple.events.codec;

import com.fasterxml.jackson.core.JsonEncoding;
import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.SerializableString;
import com.fasterxml.jackson.core.io.SerializedString;
import com.fasterxml.jackson.core.util.ByteArrayBuilder;
import dev.ripple.consistency.Position;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.events.ConitLogEntry;
import dev.ripple.events.Dependency;
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
    // field names encoded once, as the data binding holds them
    private static final SerializedString F_SCHEMA = new SerializedString("$schema");
    private static final SerializedString F_ACCEPTED = new SerializedString("accepted");
    private static final SerializedString F_BASE_REVISION = new SerializedString("base_revision");
    private static final SerializedString F_BODY = new SerializedString("body");
    private static final SerializedString F_CONIT = new SerializedString("conit");
    private static final SerializedString F_CONTENT_TYPE = new SerializedString("content_type");
    private static final SerializedString F_DEPS = new SerializedString("deps");
    private static final SerializedString F_DOMAIN = new SerializedString("domain");
    private static final SerializedString F_DT = new SerializedString("dt");
    private static final SerializedString F_EPOCH = new SerializedString("epoch");
    private static final SerializedString F_EVENT = new SerializedString("event");
    private static final SerializedString F_ID = new SerializedString("id");
    private static final SerializedString F_KEY = new SerializedString("key");
    private static final SerializedString F_KEYS = new SerializedString("keys");
    private static final SerializedString F_KIND = new SerializedString("kind");
    private static final SerializedString F_META = new SerializedString("meta");
    private static final SerializedString F_NAME = new SerializedString("name");
    private static final SerializedString F_OFFSET = new SerializedString("offset");
    private static final SerializedString F_OFFSETS = new SerializedString("offsets");
    private static final SerializedString F_OP = new SerializedString("op");
    private static final SerializedString F_ORIGIN = new SerializedString("origin");
    private static final SerializedString F_PARTITION = new SerializedString("partition");
    private static final SerializedString F_PROPAGATED = new SerializedString("propagated");
    private static final SerializedString F_REQUEST_ID = new SerializedString("request_id");
    private static final SerializedString F_REVISION = new SerializedString("revision");
    private static final SerializedString F_ROOT_EVENT = new SerializedString("root_event");
    private static final SerializedString F_RULE = new SerializedString("rule");
    private static final SerializedString F_RULE_SET_VERSION = new SerializedString("ruleSetVersion");
    private static final SerializedString F_SOURCE = new SerializedString("source");
    private static final SerializedString F_STREAM = new SerializedString("stream");
    private static final SerializedString F_TAGS = new SerializedString("tags");
    private static final SerializedString F_TOPIC = new SerializedString("topic");
    private static final SerializedString F_TRACE = new SerializedString("trace");
    private static final SerializedString F_TRIGGERED_BY = new SerializedString("triggered_by");
    private static final SerializedString F_USES = new SerializedString("uses");
    private static final SerializedString F_PARTS = new SerializedString("parts");
    private static final SerializedString F_CHANGED_PARTS = new SerializedString("changed_parts");
    private static final SerializedString F_DEPTH = new SerializedString("depth");
    private static final SerializedString F_URI = new SerializedString("uri");
    private static final SerializedString F_URLS = new SerializedString("urls");
    private static final SerializedString F_WEIGHT = new SerializedString("weight");

    private final JsonFactory factory;

    RecordWriter(JsonFactory factory) {
        this.factory = factory;
    }

    byte[] replication(ReplicationRecord record) throws IOException {
        ByteArrayBuilder out = new ByteArrayBuilder(1024);
        try (JsonGenerator gen = factory.createGenerator(out, JsonEncoding.UTF8)) {
            gen.writeStartObject();
            string(gen, F_KIND, "replicate");
            gen.writeFieldName(F_EVENT);
            event(gen, record.event());
            gen.writeFieldName(F_SOURCE);
            source(gen, record.source());
            gen.writeFieldName(F_DEPS);
            position(gen, record.deps());
            gen.writeFieldName(F_RULE);
            rule(gen, record.rule());
            gen.writeFieldName(F_TRACE);
            trace(gen, record.trace());
            gen.writeEndObject();
        }
        return out.toByteArray();
    }

    byte[] purge(PurgeRequest request) throws IOException {
        ByteArrayBuilder out = new ByteArrayBuilder(512);
        try (JsonGenerator gen = factory.createGenerator(out, JsonEncoding.UTF8)) {
            gen.writeStartObject();
            string(gen, F_KIND, "purge");
            string(gen, F_KEY, request.key());
            strings(gen, F_KEYS, request.keys());
            strings(gen, F_URLS, request.urls());
            strings(gen, F_TAGS, request.tags());
            gen.writeFieldName(F_REVISION);
            if (request.revision() == null) {
                gen.writeNull();
            } else {
                gen.writeNumber(request.revision());
            }
            gen.writeFieldName(F_SOURCE);
            source(gen, request.source());
            gen.writeFieldName(F_RULE);
            rule(gen, request.rule());
            gen.writeFieldName(F_TRACE);
            trace(gen, request.trace());
            gen.writeEndObject();
        }
        return out.toByteArray();
    }

    byte[] conitLogEntry(ConitLogEntry entry) throws IOException {
        ByteArrayBuilder out = new ByteArrayBuilder(256);
        try (JsonGenerator gen = factory.createGenerator(out, JsonEncoding.UTF8)) {
            gen.writeStartObject();
            string(gen, F_CONIT, entry.conit());
            gen.writeFieldName(F_SOURCE);
            source(gen, entry.source());
            number(gen, F_WEIGHT, entry.weight());
            gen.writeEndObject();
        }
        return out.toByteArray();
    }

    private static void event(JsonGenerator gen, EditEvent event) throws IOException {
        gen.writeStartObject();
        optional(gen, F_SCHEMA, event.schema());
        gen.writeFieldName(F_META);
        meta(gen, event.meta());
        string(gen, F_KEY, event.key());
        string(gen, F_OP, event.op().wireName());
        if (event.revision() != null) {
            number(gen, F_REVISION, event.revision().longValue());
        }
        if (event.baseRevision() != null) {
            number(gen, F_BASE_REVISION, event.baseRevision().longValue());
        }
        optional(gen, F_CONTENT_TYPE, event.contentType());
        optional(gen, F_BODY, event.body());
        if (!event.tags().isEmpty()) {
            strings(gen, F_TAGS, event.tags());
        }
        if (event.weight() != null) {
            number(gen, F_WEIGHT, event.weight().doubleValue());
        }
        if (event.rootEvent() != null) {
            RootEvent root = event.rootEvent();
            gen.writeFieldName(F_ROOT_EVENT);
            gen.writeStartObject();
            string(gen, F_ID, root.id());
            instant(gen, F_DT, root.dt());
            optional(gen, F_KEY, root.key());
            gen.writeEndObject();
        }
        optional(gen, F_TRIGGERED_BY, event.triggeredBy());
        if (event.uses() != null) {
            gen.writeFieldName(F_USES);
            gen.writeStartArray();
            for (Dependency use : event.uses()) {
                gen.writeStartObject();
                string(gen, F_KEY, use.key());
                if (use.parts() != null) {
                    strings(gen, F_PARTS, use.parts());
                }
                gen.writeEndObject();
            }
            gen.writeEndArray();
        }
        if (event.changedParts() != null) {
            strings(gen, F_CHANGED_PARTS, event.changedParts());
        }
        if (event.depth() != null) {
            number(gen, F_DEPTH, event.depth().longValue());
        }
        gen.writeEndObject();
    }

    private static void meta(JsonGenerator gen, EventMeta meta) throws IOException {
        gen.writeStartObject();
        string(gen, F_ID, meta.id());
        instant(gen, F_DT, meta.dt());
        string(gen, F_STREAM, meta.stream());
        optional(gen, F_URI, meta.uri());
        optional(gen, F_DOMAIN, meta.domain());
        optional(gen, F_REQUEST_ID, meta.requestId());
        optional(gen, F_ORIGIN, meta.origin());
        gen.writeEndObject();
    }

    private static void source(JsonGenerator gen, SourcePosition source) throws IOException {
        gen.writeStartObject();
        string(gen, F_TOPIC, source.topic());
        number(gen, F_PARTITION, source.partition());
        number(gen, F_OFFSET, source.offset());
        instant(gen, F_DT, source.dt());
        gen.writeEndObject();
    }

    private static void rule(JsonGenerator gen, RuleRef rule) throws IOException {
        gen.writeStartObject();
        string(gen, F_NAME, rule.name());
        number(gen, F_RULE_SET_VERSION, rule.ruleSetVersion());
        gen.writeEndObject();
    }

    private static void trace(JsonGenerator gen, Trace trace) throws IOException {
        gen.writeStartObject();
        instant(gen, F_ACCEPTED, trace.accepted());
        instant(gen, F_PROPAGATED, trace.propagated());
        gen.writeEndObject();
    }

    /** As {@code FastJson}'s position serializer writes it. */
    static void position(JsonGenerator gen, Position value) throws IOException {
        gen.writeStartObject();
        number(gen, F_EPOCH, value.epoch());
        gen.writeFieldName(F_OFFSETS);
        gen.writeStartObject();
        for (TopicPartitionKey partition : value.partitions()) {
            gen.writeNumberField(partition.toString(), value.offset(partition));
        }
        gen.writeEndObject();
        gen.writeEndObject();
    }

    private static void instant(JsonGenerator gen, SerializableString name, Instant value) throws IOException {
        string(gen, name, UtcInstants.format(value));
    }

    private static void optional(JsonGenerator gen, SerializableString name, String value) throws IOException {
        if (value != null) {
            string(gen, name, value);
        }
    }

    private static void string(JsonGenerator gen, SerializableString name, String value) throws IOException {
        gen.writeFieldName(name);
        gen.writeString(value);
    }

    private static void number(JsonGenerator gen, SerializableString name, long value) throws IOException {
        gen.writeFieldName(name);
        gen.writeNumber(value);
    }

    private static void number(JsonGenerator gen, SerializableString name, double value) throws IOException {
        gen.writeFieldName(name);
        gen.writeNumber(value);
    }

    private static void strings(JsonGenerator gen, SerializableString name, List<String> values) throws IOException {
        gen.writeFieldName(name);
        gen.writeStartArray();
        for (String value : values) {
            gen.writeString(value);
        }
        gen.writeEndArray();
    }
}
