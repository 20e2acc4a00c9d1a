package dev.ripple.conittracker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.ripple.config.ConfigSnapshot;
import dev.ripple.config.ConitDoc;
import dev.ripple.config.RulePattern;
import dev.ripple.consistency.ConitWrite;
import dev.ripple.consistency.TopicPartitionKey;
import dev.ripple.events.EventJson;
import java.io.IOException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

/**
 * Turns an accepted write on a source stream ({@code ripple.stream.<stream>}) into the conit writes it makes: one per
 * conit whose keys include the record's key, matched with the pattern the intake and the propagator match
 * ({@link ConitDoc.KeyPattern#compile()}), compiled once per config revision. The write's time is the record's
 * timestamp (the intake's clock at acceptance, or the broker's append time), capped at the tracker's own time of
 * receipt, never the client's {@code meta.dt}. Not thread-safe: owned by the tracker's thread.
 */
final class SourceWrites {
    private record Compiled(long revision, List<String> names, List<RulePattern> keys) {}

    private Compiled compiled = new Compiled(-1, List.of(), List.of());

    /**
     * The conit writes of one source record.
     *
     * @param key the record's key, the resource key; null gives none
     * @param value the record's value, the edit event as JSON; read only when a conit covers the key, for its weight
     * @param timestamp the record's timestamp, in epoch ms
     * @param receivedMs when the tracker read it, on its own clock, in epoch ms
     */
    List<ConitWrite> of(ConfigSnapshot snapshot, String topic, int partition, long offset, String key, byte[] value,
            long timestamp, long receivedMs) {
        if (key == null) {
            return List.of();
        }
        Compiled current = current(snapshot);
        List<String> conits = new ArrayList<>(1);
        for (int i = 0; i < current.keys().size(); i++) {
            if (current.keys().get(i).matches(key)) {
                conits.add(current.names().get(i));
            }
        }
        if (conits.isEmpty()) {
            return List.of();
        }
        TopicPartitionKey source = TopicPartitionKey.of(topic, partition);
        Instant at = Instant.ofEpochMilli(Math.max(0, timestamp < 0 ? receivedMs : Math.min(timestamp, receivedMs)));
        double weight = weight(value);
        return conits.stream().map(conit -> new ConitWrite(conit, source, offset, at, weight)).toList();
    }

    /** The event's {@code weight}, 1 when absent; 1 also for a value that is not an event (it is a write all the same). */
    static double weight(byte[] value) {
        if (value == null) {
            return 1;
        }
        try {
            JsonNode weight = EventJson.mapper().readTree(value).get("weight");
            double w = weight == null || !weight.isNumber() ? 1 : weight.asDouble();
            return w >= 0 && !Double.isInfinite(w) ? w : 1;
        } catch (IOException e) {
            return 1;
        }
    }

    private Compiled current(ConfigSnapshot snapshot) {
        if (compiled.revision() != snapshot.revision()) {
            List<ConitDoc> conits = List.copyOf(snapshot.conits().values());
            compiled = new Compiled(snapshot.revision(), conits.stream().map(ConitDoc::name).toList(),
                    conits.stream().map(c -> c.keys().compile()).toList());
        }
        return compiled;
    }
}
