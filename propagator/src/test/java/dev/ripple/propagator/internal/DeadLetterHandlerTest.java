package dev.ripple.propagator.internal;

import static org.assertj.core.api.Assertions.assertThat;

import dev.ripple.events.DeadLetterRecord;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.kafka.clients.consumer.ConsumerRecord;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.common.header.Headers;
import org.apache.kafka.common.header.internals.RecordHeaders;
import org.apache.kafka.streams.errors.ErrorHandlerContext;
import org.apache.kafka.streams.errors.ProcessingExceptionHandler;
import org.apache.kafka.streams.processor.TaskId;
import org.apache.kafka.streams.processor.api.Record;
import org.junit.jupiter.api.Test;

class DeadLetterHandlerTest {

    @Test
    void shouldResumeWithTheFailedRecordInTheDeadLetterTopicOfTheConfiguredPrefix() {
        // given the handler configured for prefix "prod"
        DeadLetterHandler handler = new DeadLetterHandler();
        handler.configure(Map.of(DeadLetterHandler.TOPIC_PREFIX_CONFIG, "prod"));

        // when processing a record fails unexpectedly
        ProcessingExceptionHandler.Response response = handler.handleError(context("prod.stream.edits", 3, 41),
                new Record<>("k", "v", 0L), new IllegalStateException("boom"));

        // then the stream resumes, and the DLQ record holds the source record, its headers and the failure
        assertThat(response.result()).isEqualTo(ProcessingExceptionHandler.Result.RESUME);
        ProducerRecord<byte[], byte[]> dead = response.deadLetterQueueRecords().get(0);
        assertThat(dead.topic()).isEqualTo("prod.dlq.propagator");
        DeadLetterRecord letter = DeadLetterRecord.read("k", dead.value(), dead.headers());
        assertThat(letter.original().topic()).isEqualTo("prod.stream.edits");
        assertThat(letter.original().offset()).isEqualTo(41);
        assertThat(letter.original().valueText()).isEqualTo("{\"raw\":1}");
        assertThat(letter.reason()).contains("boom");
        assertThat(letter.consumer()).isEqualTo("propagator");
        assertThat(dead.headers().lastHeader("ripple-deps").value()).isEqualTo(new byte[] {4, 2});
    }

    @Test
    void shouldDeadLetterARecordWhoseKeyCannotBeRead() {
        DeadLetterHandler handler = new DeadLetterHandler();
        handler.configure(Map.of());
        ConsumerRecord<byte[], byte[]> record = new ConsumerRecord<>("ripple.stream.edits", 0, 9,
                "k".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2});
        var response = handler.handleError(context("ripple.stream.edits", 0, 9), record,
                new org.apache.kafka.common.errors.SerializationException("bad key"));
        assertThat(response.deadLetterQueueRecords()).singleElement()
                .satisfies(r -> assertThat(r.topic()).isEqualTo("ripple.dlq.propagator"));
    }

    private static ErrorHandlerContext context(String topic, int partition, long offset) {
        return new ErrorHandlerContext() {
            @Override public String topic() { return topic; }
            @Override public int partition() { return partition; }
            @Override public long offset() { return offset; }
            @Override public Headers headers() {
                return new RecordHeaders().add("ripple-deps", new byte[] {4, 2});
            }
            @Override public String processorNodeId() { return "route"; }
            @Override public TaskId taskId() { return new TaskId(0, partition); }
            @Override public long timestamp() { return 0; }
            @Override public byte[] sourceRawKey() { return "k".getBytes(StandardCharsets.UTF_8); }
            @Override public byte[] sourceRawValue() { return "{\"raw\":1}".getBytes(StandardCharsets.UTF_8); }
        };
    }
}
