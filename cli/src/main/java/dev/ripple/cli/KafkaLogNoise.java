package dev.ripple.cli;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import java.util.regex.Pattern;
import org.apache.kafka.common.errors.OutOfOrderSequenceException;
import org.slf4j.Marker;
import org.slf4j.helpers.MessageFormatter;

/**
 * Drops the WARN and ERROR lines that Kafka 4.3 writes on a healthy system and that no operator can act on, for the
 * jar's {@code logback.xml}; every other line of the same loggers passes. Each is named by logger and message:
 *
 * <ul>
 *   <li>{@code producer.internals.Sender}, "… retrying … Error: CONCURRENT_TRANSACTIONS" or
 *       "OUT_OF_ORDER_SEQUENCE_NUMBER": under transactions v2 (KIP-890) a transaction's first write to a partition
 *       meets the previous transaction's markers still being written, and the broker answers CONCURRENT_TRANSACTIONS
 *       (KAFKA-18662); the batch behind it in flight then meets OUT_OF_ORDER_SEQUENCE_NUMBER. The producer retries
 *       both, and a failure that outlasts the retries reaches Streams, which logs it at ERROR.</li>
 *   <li>{@code kafka.server.ReplicaManager}, an {@link OutOfOrderSequenceException}: the embedded broker's side of
 *       that same answer, with a stack trace. The producer is told, and retries or fails as above.</li>
 *   <li>{@code clients.NetworkClient}, "Attempting to close NetworkClient that has already been closed.": the
 *       embedded broker's shutdown closes its controller registration channel twice.</li>
 * </ul>
 *
 * <p>Everything else passes: a filter that is {@link FilterReply#NEUTRAL} leaves the decision to the logger levels.
 */
public final class KafkaLogNoise extends TurboFilter {
    static final String SENDER = "org.apache.kafka.clients.producer.internals.Sender";
    static final String REPLICA_MANAGER = "kafka.server.ReplicaManager";
    static final String NETWORK_CLIENT = "org.apache.kafka.clients.NetworkClient";
    private static final Pattern RETRIED = Pattern.compile(
            ", retrying \\(.*\\)\\. Error: (CONCURRENT_TRANSACTIONS|OUT_OF_ORDER_SEQUENCE_NUMBER)\\b");
    private static final String CLOSED_TWICE = "Attempting to close NetworkClient that has already been closed.";

    @Override
    public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params,
            Throwable t) {
        // format is null when a logger only asks whether a level is enabled
        if (format == null || level == null || !level.isGreaterOrEqual(Level.WARN)) {
            return FilterReply.NEUTRAL;
        }
        boolean noise = switch (logger.getName()) {
            case SENDER -> level == Level.WARN
                    && RETRIED.matcher(MessageFormatter.arrayFormat(format, params).getMessage()).find();
            case REPLICA_MANAGER -> t instanceof OutOfOrderSequenceException;
            case NETWORK_CLIENT -> level == Level.WARN && format.endsWith(CLOSED_TWICE);
            default -> false;
        };
        return noise ? FilterReply.DENY : FilterReply.NEUTRAL;
    }
}
