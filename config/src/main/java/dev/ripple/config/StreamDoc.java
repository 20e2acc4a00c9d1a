package dev.ripple.config;

import com.fasterxml.jackson.annotation.JsonCreator;
import com.fasterxml.jackson.annotation.JsonValue;

/**
 * A source stream ({@code /ripple/streams/<name>}): events go to topic {@code ripple.stream.<name>}.
 *
 * @param name stream name, e.g. {@code edits}
 * @param description free text, or null
 * @param maxEventBytes largest event accepted, in bytes; default 1 MiB, at most 16 MiB
 * @param conflictPolicy what a write-after-read conflict does (DESIGN.md 6.4); default {@code reject}
 */
public record StreamDoc(String name, String description, Long maxEventBytes, ConflictPolicy conflictPolicy)
        implements ConfigDocument {
    public static final long DEFAULT_MAX_EVENT_BYTES = 1024 * 1024;

    /** What happens to an event whose {@code base_revision} is not the key's current revision. */
    public enum ConflictPolicy {
        /** Sent to {@code ripple.dlq.conflicts}, not applied. */
        REJECT("reject"),
        /** Applied anyway (last writer wins), and counted. */
        LAST_WRITER_WINS("last-writer-wins");

        private final String json;

        ConflictPolicy(String json) {
            this.json = json;
        }

        @JsonValue
        public String json() {
            return json;
        }

        @JsonCreator
        static ConflictPolicy of(String json) {
            for (ConflictPolicy policy : values()) {
                if (policy.json.equals(json)) {
                    return policy;
                }
            }
            throw new IllegalArgumentException("must be one of reject, last-writer-wins");
        }
    }

    public StreamDoc {
        maxEventBytes = maxEventBytes == null ? DEFAULT_MAX_EVENT_BYTES : maxEventBytes;
        conflictPolicy = conflictPolicy == null ? ConflictPolicy.REJECT : conflictPolicy;
        Validation v = new Validation();
        v.name(name, "name");
        v.range(maxEventBytes, "max_event_bytes", 1, 16 * 1024 * 1024);
        v.throwIfAny();
    }

    /** A stream with the defaults. */
    public static StreamDoc of(String name) {
        return new StreamDoc(name, null, null, null);
    }

    @Override
    public DocumentKind kind() {
        return DocumentKind.STREAM;
    }

    @Override
    public String key() {
        return ConfigKeys.stream(name);
    }
}
