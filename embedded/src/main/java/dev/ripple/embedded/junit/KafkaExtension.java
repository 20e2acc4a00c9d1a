package dev.ripple.embedded.junit;

import dev.ripple.embedded.EmbeddedKafka;

/** Gives a test parameter of type {@link EmbeddedKafka}: an in-process KRaft broker shared by every test in this JVM. */
public final class KafkaExtension extends SharedServiceExtension<EmbeddedKafka> {
    public KafkaExtension() {
        super(EmbeddedKafka.class, EmbeddedKafka::start);
    }
}
