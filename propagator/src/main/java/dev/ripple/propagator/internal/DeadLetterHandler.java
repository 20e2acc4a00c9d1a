package dev.ripple.propagator.internal;

import dev.ripple.events.DeadLetterRecord;
import dev.ripple.events.FailedRecord;
import dev.ripple.events.TopicNames;
import dev.ripple.runtime.deadletter.DeadLetter;
import dev.ripple.runtime.deadletter.DeadLetterEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.streams.errors.DeserializationExceptionHandler;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.api.Record;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The safety net behind the processor's own dead-lettering: a record whose processing throws anyway (a bug, or a
 * failure nobody foresaw) goes to {@code ripple.dlq.propagator} in the same transaction and the stream goes on,
 * so one record can never put the application into a crash loop. Configured by class name; reads the topic prefix
 * from {@value #TOPIC_PREFIX_CONFIG} and the record limit from {@value #MAX_RECORD_BYTES_CONFIG}.
 */
public final class DeadLetterHandler implements ProcessingExceptionHandler, DeserializationExceptionHandler {
    /** The consumer name in the propagator's dead letters: {@code ripple.dlq.propagator}. */
    public static final String CONSUMER = "propagator";
    public static final String TOPIC_PREFIX_CONFIG = "ripple.topic.prefix";
    public static final String MAX_RECORD_BYTES_CONFIG = "ripple.max.record.bytes";
    private static final Logger log = LoggerFactory.getLogger(DeadLetterHandler.class);

    private String dlqTopic = TopicNames.defaults().dlq(CONSUMER);
    private DeadLetterEncoder deadLetters = new DeadLetterEncoder(CONSUMER, Clock.systemUTC(), Integer.MAX_VALUE);

    @Override
    public void configure(Map<String, ?> configs) {
        Object prefix = configs.get(TOPIC_PREFIX_CONFIG);
        if (prefix != null) {
            dlqTopic = new TopicNames(prefix.toString()).dlq(CONSUMER);
        }
        Object max = configs.get(MAX_RECORD_BYTES_CONFIG);
        if (max != null) {
            deadLetters = new DeadLetterEncoder(CONSUMER, Clock.systemUTC(), Integer.parseInt(max.toString()));
        }
    }

    @Override
    public ProcessingExceptionHandler.Response handleError(ErrorHandlerContext context, Record<?, ?> record,
            Exception exception) {
        if (context.topic() == null) {
            log.error("Processing failed outside any source record (in a punctuator); stopping", exception);
            return ProcessingExceptionHandler.Response.fail();
        }
        return ProcessingExceptionHandler.Response.resume(List.of(deadLetter(context.topic(), context.partition(),
                context.offset(), context.timestamp(), context.sourceRawKey(), context.sourceRawValue(),
                context.headers(), exception)));
    }

    @Override
    public DeserializationExceptionHandler.Response handleError(ErrorHandlerContext context,
            ConsumerRecord<byte[], byte[]> record, Exception exception) {
        return DeserializationExceptionHandler.Response.resume(List.of(deadLetter(record.topic(), record.partition(),
                record.offset(), record.timestamp(), record.key(), record.value(), record.headers(), exception)));
    }

    private ProducerRecord<byte[], byte[]> deadLetter(String topic, int partition, long offset, long timestamp,
            byte[] key, byte[] value, Headers headers, Exception exception) {
        String keyText = key == null ? null : new String(key, StandardCharsets.UTF_8);
        String reason = "processing failed: " + exception;
        log.warn("Dead-lettering {}-{}@{} after an unexpected failure: {}", topic, partition, offset, exception.toString());
        DeadLetterRecord letter = deadLetters.encode(DeadLetter.once(new FailedRecord(topic, partition, offset,
                keyText, value, headers == null ? List.of() : List.of(headers.toArray())), reason,
                Clock.systemUTC().instant()));
        return new ProducerRecord<>(dlqTopic, null, timestamp < 0 ? null : timestamp, key, letter.value(),
                letter.headers());
    }
}
