package dev.ripple.propagator.internal;

import dev.ripple.consistency.Position;
import dev.ripple.events.EditEvent;
import dev.ripple.events.RecordHeaders;
import dev.ripple.events.codec.FastJson;
import java.io.IOException;
import java.util.Optional;
import org.apache.kafka.common.header.Headers;

/**
 * Reads a source record into an event and its dependencies, or says in words why it cannot. The intake validated
 * the event against its schema; this checks what routing relies on: readable JSON with the required fields, the
 * record key equal to the event's key (or per-key order would break), and a readable {@code ripple-deps} header.
 */
final class SourceRecords {
    /** A source record that cannot be propagated; its message is the dead letter's reason. */
    static final class Unreadable extends Exception {
        Unreadable(String message) {
            super(message, null, false, false);
        }
    }

    /** @param deps the writer's session vector, or empty in the rule set's epoch */
    record Parsed(EditEvent event, Position deps) {}

    private SourceRecords() {}

    static Parsed parse(String key, byte[] value, Headers headers, long epoch) throws Unreadable {
        if (value == null) {
            throw new Unreadable("a source record without a value (tombstone); edit events always have one");
        }
        EditEvent event;
        try {
            event = FastJson.readEditEvent(value);
        } catch (IOException | IllegalArgumentException | NullPointerException e) {
            throw new Unreadable("not a readable edit event: " + firstLine(e.getMessage()));
        }
        if (event == null) {
            throw new Unreadable("not a readable edit event: JSON null");
        }
        if (!event.key().equals(key)) {
            throw new Unreadable("record key '" + key + "' is not the event's key '" + event.key()
                    + "'; a key's edits must share a partition to stay in order");
        }
        Optional<Position> deps;
        try {
            deps = RecordHeaders.deps(headers);
        } catch (IllegalArgumentException e) {
            throw new Unreadable("header " + RecordHeaders.DEPS + " is not a position: " + firstLine(e.getMessage()));
        }
        return new Parsed(event, deps.orElseGet(() -> Position.empty(epoch)));
    }

    private static String firstLine(String message) {
        if (message == null) {
            return "(no detail)";
        }
        int newline = message.indexOf('\n');
        return newline < 0 ? message : message.substring(0, newline);
    }
}
