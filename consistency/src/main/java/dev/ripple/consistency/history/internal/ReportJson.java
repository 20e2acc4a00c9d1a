package dev.ripple.consistency.history.internal;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ripple.consistency.history.Anomaly;
import dev.ripple.consistency.history.ApplyRef;
import dev.ripple.consistency.history.CheckReport;
import dev.ripple.consistency.internal.PositionJson;

/** The JSON form of a check report (see the module README). */
public final class ReportJson {

    private ReportJson() {
    }

    public static String write(CheckReport report) {
        ObjectNode root = PositionJson.MAPPER.createObjectNode();
        root.put("ok", report.ok());
        root.put("operations", report.operations());
        root.put("applies", report.applies());
        root.put("converged", report.converged());
        ObjectNode counts = root.putObject("counts");
        report.counts().forEach((type, count) -> counts.put(type.code(), count));
        root.put("truncated", report.truncated());
        ArrayNode anomalies = root.putArray("anomalies");
        for (Anomaly a : report.anomalies()) {
            ObjectNode n = anomalies.addObject();
            n.put("type", a.type().code());
            n.put("guarantee", a.type().guarantee());
            ArrayNode ops = n.putArray("operations");
            a.operations().forEach(ops::add);
            ArrayNode applies = n.putArray("applies");
            for (ApplyRef ref : a.applies()) {
                applies.addObject().put("replica", ref.replica()).put("index", ref.index());
            }
            n.put("message", a.message());
            ObjectNode measures = n.putObject("measures");
            a.measures().forEach(measures::put);
        }
        try {
            return PositionJson.MAPPER.writerWithDefaultPrettyPrinter().writeValueAsString(root);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("Cannot write check report", e);
        }
    }
}
