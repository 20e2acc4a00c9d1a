package dev.ripple.propagator.internal;

import java.nio.ByteBuffer;
import org.apache.kafka.common.errors.SerializationException;
import org.apache.kafka.common.serialization.Serde;
import org.apache.kafka.common.serialization.Serdes;

/**
 * The version gate's memory of one key: the last propagated write's revision (null when no write carried one)
 * and source offset.
 */
record KeyVersion(Long revision, long offset) {

    /** Whether a write with {@code revision} (may be null) at {@code offset} is newer than this one. */
    boolean isOlderThan(Long newRevision, long newOffset) {
        if (newRevision != null && revision != null) {
            return newRevision > revision;
        }
        return newOffset > offset;
    }

    /** The memory after propagating a write; a write without revision keeps the known revision. */
    KeyVersion after(Long newRevision, long newOffset) {
        return new KeyVersion(newRevision != null ? newRevision : revision, newOffset);
    }

    /** 17 bytes: a flag, the revision, the offset. */
    static Serde<KeyVersion> serde() {
        return Serdes.serdeFrom((topic, v) -> ByteBuffer.allocate(17).put((byte) (v.revision == null ? 0 : 1))
                .putLong(v.revision == null ? 0 : v.revision).putLong(v.offset).array(), (topic, bytes) -> {
                    if (bytes == null) {
                        return null;
                    }
                    if (bytes.length != 17) {
                        throw new SerializationException("A key version is 17 bytes, not " + bytes.length);
                    }
                    ByteBuffer in = ByteBuffer.wrap(bytes);
                    boolean hasRevision = in.get() == 1;
                    long revision = in.getLong();
                    return new KeyVersion(hasRevision ? revision : null, in.getLong());
                });
    }
}
