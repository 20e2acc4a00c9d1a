package dev.ripple.producer;

import java.util.List;
import java.util.Objects;

/**
 * The outcome of {@link Publisher#publishAll}: one entry per event, in order, and one token for the session.
 *
 * @param outcomes per event, in the order given
 * @param sessionToken the session's token after every acknowledged write of the batch (the input token when
 *     none was acknowledged)
 */
public record BatchResult(List<Outcome> outcomes, String sessionToken) {
    public BatchResult {
        outcomes = List.copyOf(Objects.requireNonNull(outcomes, "outcomes"));
    }

    /** Whether every event was acknowledged. */
    public boolean allPublished() {
        return outcomes.stream().allMatch(o -> o instanceof Outcome.Published);
    }

    /** Whether no event was acknowledged. */
    public boolean nonePublished() {
        return outcomes.stream().noneMatch(o -> o instanceof Outcome.Published);
    }

    /** What happened to one event of a batch. */
    public sealed interface Outcome {
        /** The event's {@code meta.id}. */
        String eventId();

        /** Acknowledged by Kafka. */
        record Published(PublishResult result) implements Outcome {
            @Override
            public String eventId() {
                return result.eventId();
            }
        }

        /** Not acknowledged: {@code error} says why (see {@link Publisher#publish} for the kinds). */
        record Failed(String eventId, ProducerException error) implements Outcome {}
    }
}
