package dev.ripple.consistency.history.internal;

import com.fasterxml.jackson.core.JsonGenerator;
import com.fasterxml.jackson.core.util.MinimalPrettyPrinter;
import dev.ripple.consistency.Position;
import dev.ripple.consistency.history.Apply;
import dev.ripple.consistency.history.History;
import dev.ripple.consistency.history.Operation;
import dev.ripple.consistency.history.ReadOp;
import dev.ripple.consistency.history.StalenessBound;
import dev.ripple.consistency.history.WriteOp;
import dev.ripple.consistency.internal.PositionJson;
import java.io.IOException;
import java.io.OutputStream;
import java.util.List;
import java.util.Locale;
import java.util.Map;

/** Writes a history compactly, one operation or apply entry per line (easy to grep and diff). */
public final class HistoryJsonWriter {

    private HistoryJsonWriter() {
    }

    public static void write(History history, OutputStream out) throws IOException {
        try (JsonGenerator g = PositionJson.MAPPER.getFactory().createGenerator(out)) {
            g.disable(JsonGenerator.Feature.AUTO_CLOSE_TARGET);
            g.setPrettyPrinter(new LinePerElement());
            g.writeStartObject();
            g.writeStringField("format", HistoryJsonReader.FORMAT);
            g.writeBooleanField("converged", history.converged());
            if (!history.defaultBound().isUnbounded()) {
                g.writeFieldName("max_staleness");
                writeBound(g, history.defaultBound());
            }
            g.writeArrayFieldStart("operations");
            for (Operation op : history.operations()) {
                writeOperation(g, op);
            }
            g.writeEndArray();
            g.writeObjectFieldStart("applies");
            for (Map.Entry<String, List<Apply>> e : history.applies().entrySet()) {
                g.writeArrayFieldStart(e.getKey());
                for (Apply a : e.getValue()) {
                    g.writeStartObject();
                    g.writeStringField("dot", a.dot().toString());
                    g.writeStringField("key", a.key());
                    g.writeNumberField("at_ms", a.atMs());
                    g.writeEndObject();
                }
                g.writeEndArray();
            }
            g.writeEndObject();
            g.writeEndObject();
            g.writeRaw('\n');
        }
    }

    private static void writeOperation(JsonGenerator g, Operation op) throws IOException {
        g.writeStartObject();
        g.writeStringField("id", op.id());
        g.writeStringField("type", op instanceof WriteOp ? "write" : "read");
        g.writeStringField("session", op.session());
        g.writeStringField("key", op.key());
        if (op instanceof ReadOp r) {
            g.writeStringField("region", r.region());
        }
        g.writeNumberField("start_ms", op.startMs());
        g.writeNumberField("end_ms", op.endMs());
        if (op instanceof WriteOp w) {
            g.writeStringField("outcome", w.outcome().name().toLowerCase(Locale.ROOT));
            writeDot(g, w.dot() == null ? null : w.dot().toString());
        } else {
            ReadOp r = (ReadOp) op;
            g.writeStringField("outcome", r.outcome().name().toLowerCase(Locale.ROOT));
            writeDot(g, r.dot() == null ? null : r.dot().toString());
            writePosition(g, "applied", r.applied());
        }
        writePosition(g, "token_in", op.tokenIn());
        writePosition(g, "token_out", op.tokenOut());
        if (op instanceof ReadOp r && r.bound() != null) {
            g.writeFieldName("max_staleness");
            writeBound(g, r.bound());
        }
        g.writeEndObject();
    }

    private static void writeDot(JsonGenerator g, String dot) throws IOException {
        if (dot == null) {
            g.writeNullField("dot");
        } else {
            g.writeStringField("dot", dot);
        }
    }

    private static void writePosition(JsonGenerator g, String field, Position p) throws IOException {
        if (p != null) {
            g.writeFieldName(field);
            PositionJson.write(g, p);
        }
    }

    private static void writeBound(JsonGenerator g, StalenessBound b) throws IOException {
        g.writeStartObject();
        if (b.ms() != Long.MAX_VALUE) {
            g.writeNumberField("ms", b.ms());
        }
        if (b.versions() != Long.MAX_VALUE) {
            g.writeNumberField("versions", b.versions());
        }
        g.writeEndObject();
    }

    /** Compact, but every array element on its own line. */
    private static final class LinePerElement extends MinimalPrettyPrinter {
        @Override
        public void beforeArrayValues(JsonGenerator g) throws IOException {
            g.writeRaw('\n');
        }

        @Override
        public void writeArrayValueSeparator(JsonGenerator g) throws IOException {
            g.writeRaw(",\n");
        }
    }
}
