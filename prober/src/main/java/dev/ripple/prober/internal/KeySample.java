package dev.ripple.prober.internal;

import java.nio.charset.StandardCharsets;
import org.apache.kafka.common.utils.Utils;

/**
 * Which keys the prober follows: those whose hash falls in the first {@code ratio} of the hash space, so that a
 * key is followed through all its writes, and every prober with the same ratio follows the same keys. The hash is
 * salted so that the keys followed are spread over every partition rather than tied to some.
 */
public final class KeySample {
    private static final int SCALE = 1_000_000;
    private static final byte[] SALT = "ripple-probe:".getBytes(StandardCharsets.UTF_8);

    private final int threshold;

    public KeySample(double ratio) {
        this.threshold = (int) Math.round(ratio * SCALE);
    }

    public boolean follows(String key) {
        if (threshold >= SCALE) {
            return true;
        }
        byte[] bytes = key.getBytes(StandardCharsets.UTF_8);
        byte[] salted = new byte[SALT.length + bytes.length];
        System.arraycopy(SALT, 0, salted, 0, SALT.length);
        System.arraycopy(bytes, 0, salted, SALT.length, bytes.length);
        return Utils.toPositive(Utils.murmur2(salted)) % SCALE < threshold;
    }
}
