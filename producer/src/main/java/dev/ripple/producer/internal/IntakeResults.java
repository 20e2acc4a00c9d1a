package dev.ripple.producer.internal;

import dev.ripple.events.ValidationProblem;
import dev.ripple.producer.BatchResult;
import dev.ripple.producer.PublishResult;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The per-event entries of an intake response: {@code {"index", "id", "status", …}} with the dot for a written
 * event, the problems for a refused one, the reason for one that Kafka did not take.
 */
final class IntakeResults {
    private IntakeResults() {}

    static Map<String, Object> published(int index, PublishResult result) {
        Map<String, Object> entry = base(index, result.eventId(), 201);
        entry.put("dot", result.dot().toString());
        entry.put("topic", result.dot().partition().topic());
        entry.put("partition", result.dot().partition().partition());
        entry.put("offset", result.dot().offset());
        return entry;
    }

    static Map<String, Object> accepted(int index, String eventId) {
        return base(index, eventId, 202);
    }

    static Map<String, Object> refused(Prepared.Invalid invalid) {
        Map<String, Object> entry = base(invalid.index(), invalid.eventId(), invalid.status());
        entry.put("errors", errors(invalid.problems()));
        return entry;
    }

    static Map<String, Object> failed(int index, BatchResult.Outcome.Failed failed, int status) {
        Map<String, Object> entry = base(index, failed.eventId(), status);
        entry.put("detail", failed.error().getMessage());
        return entry;
    }

    static Map<String, Object> throttled(int index, String eventId, String reason) {
        Map<String, Object> entry = base(index, eventId, 429);
        entry.put("detail", reason);
        return entry;
    }

    static List<Map<String, String>> errors(List<ValidationProblem> problems) {
        return problems.stream().map(p -> Map.of("pointer", p.pointer(), "message", p.message())).toList();
    }

    private static Map<String, Object> base(int index, String eventId, int status) {
        Map<String, Object> entry = new LinkedHashMap<>();
        entry.put("index", index);
        if (eventId != null) {
            entry.put("id", eventId);
        }
        entry.put("status", status);
        return entry;
    }
}
