package dev.ripple.producer.internal;

import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.ObjectReader;
import com.fasterxml.jackson.databind.module.SimpleModule;
import dev.ripple.events.EventJson;
import dev.ripple.events.codec.UtcInstantDeserializer;
import dev.ripple.producer.IntakeLimits;
import java.time.Instant;

/**
 * How the intake parses request bodies: {@link EventJson}'s mapper (which is shared and must not be reconfigured)
 * copied with Jackson {@link StreamReadConstraints} from {@link IntakeLimits}, and trailing content after the
 * JSON value refused.
 */
final class IntakeJson {
    private IntakeJson() {}

    static ObjectReader reader(IntakeLimits limits) {
        int bodyChars = (int) Math.min(Integer.MAX_VALUE, limits.maxBodyBytes());
        StreamReadConstraints constraints = StreamReadConstraints.builder()
                .maxNestingDepth(limits.maxJsonDepth())
                .maxNumberLength(limits.maxNumberChars())
                .maxStringLength(Math.max(bodyChars, StreamReadConstraints.DEFAULT_MAX_STRING_LEN))
                .maxDocumentLength(limits.maxBodyBytes())
                .build();
        ObjectMapper mapper = EventJson.mapper().copy();
        mapper.getFactory().setStreamReadConstraints(constraints);
        return mapper.reader().with(DeserializationFeature.FAIL_ON_TRAILING_TOKENS);
    }

    /** How the intake turns a validated tree into an {@code EditEvent}: {@link EventJson}'s mapper, with instants read
     * by {@link UtcInstantDeserializer}. */
    static ObjectMapper converter() {
        return EventJson.mapper().copy().registerModule(new SimpleModule("ripple-intake-instants")
                .addDeserializer(Instant.class, new UtcInstantDeserializer()));
    }
}
