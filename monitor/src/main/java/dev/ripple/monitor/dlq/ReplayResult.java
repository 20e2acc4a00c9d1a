package dev.ripple.monitor.dlq;

import java.util.List;
import java.util.Objects;

/**
 * What a replay did.
 *
 * @param consumer the DLQ's consumer
 * @param replayed records sent back to their original topic
 * @param skipped records not sent, each with a reason in {@code problems}
 * @param failed records Kafka did not take
 * @param problems one line per skipped or failed record, naming its id
 */
public record ReplayResult(String consumer, int replayed, int skipped, int failed, List<String> problems) {
    public ReplayResult {
        Objects.requireNonNull(consumer, "consumer");
        problems = List.copyOf(problems);
    }
}
