package dev.ripple.cli.archfixture;

import java.time.Duration;
import org.apache.kafka.clients.consumer.KafkaConsumer;

/** Breaks the no-own-poll rule on purpose, so ArchitectureTest can show the rule catches it. */
public final class PollsItsOwnConsumer {
    private PollsItsOwnConsumer() {}

    static int poll(KafkaConsumer<String, byte[]> consumer) {
        return consumer.poll(Duration.ZERO).count();
    }
}
