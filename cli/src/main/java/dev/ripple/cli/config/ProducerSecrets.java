package dev.ripple.cli.config;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.ripple.config.ChangeEvent;
import dev.ripple.config.ConfigKeys;
import dev.ripple.config.Entry;
import java.io.IOException;
import java.util.Optional;

/**
 * Producer token hashes ({@code /ripple/producers/<id>}, field {@code token_hash}) are not handed to readers of
 * the config API without the admin token: a hash is what an offline guess of the token is checked against. They are
 * replaced by {@link #REDACTED}; a write that sends {@link #REDACTED} back (as {@code ripple config edit} does)
 * keeps the stored hash.
 */
final class ProducerSecrets {
    /** What a reader without the admin token sees instead of a hash; free of YAML and JSON specials. */
    static final String REDACTED = "REDACTED-send-the-admin-token-to-read-it";

    private static final String FIELD = "token_hash";
    private static final String PREFIX = ConfigKeys.ROOT + "producers/";

    private ProducerSecrets() {}

    static Entry redact(Entry entry) {
        return isProducer(entry.key()) ? new Entry(entry.key(), redact(entry.value()), entry.createRevision(),
                entry.modRevision(), entry.version()) : entry;
    }

    static ChangeEvent redact(ChangeEvent event) {
        return isProducer(event.key()) && event.value() != null ? new ChangeEvent(event.type(), event.key(),
                redact(event.value()), event.modRevision()) : event;
    }

    /** {@code body} for {@code key}, with {@link #REDACTED} put back to the hash held in {@code existing}. */
    static String restore(String key, String body, Optional<Entry> existing) {
        if (!isProducer(key) || !body.contains(REDACTED) || existing.isEmpty()) {
            return body;
        }
        try {
            JsonNode hash = ConfigWire.JSON.readTree(existing.get().value()).get(FIELD);
            return hash != null && hash.isTextual() ? body.replace(REDACTED, hash.textValue()) : body;
        } catch (IOException e) {
            return body;
        }
    }

    private static boolean isProducer(String key) {
        return key != null && key.startsWith(PREFIX);
    }

    private static String redact(String json) {
        try {
            JsonNode tree = ConfigWire.JSON.readTree(json);
            if (tree instanceof ObjectNode object && object.has(FIELD)) {
                object.put(FIELD, REDACTED);
                return ConfigWire.JSON.writeValueAsString(object);
            }
            return json;
        } catch (IOException e) {
            return "{}"; // unreadable: show nothing of it rather than a secret
        }
    }
}
