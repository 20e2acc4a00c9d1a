package dev.ripple.bench.faults;

import dev.ripple.consistency.SessionTokenCodec;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * What a {@link SessionLoad} runs against and how hard.
 *
 * @param intakes base URLs of the intakes, e.g. {@code http://127.0.0.1:8081}; at least one
 * @param readApis per region, in the order to read from, the base URLs of its read APIs; at least one region, each
 *     with at least one
 * @param producerToken the bearer token to publish with
 * @param tokens verifies the session tokens the load gets, to record their positions
 * @param sessions concurrent sessions, 1 to 256
 * @param batch events per publish, 1 to 100 (one request, one session token for the batch)
 * @param keysPerSession keys each session cycles through, from {@code batch} to 10,000
 */
public record LoadConfig(List<String> intakes, Map<String, List<String>> readApis, String producerToken,
        SessionTokenCodec tokens, int sessions, int batch, int keysPerSession) {
    public LoadConfig {
        intakes = List.copyOf(intakes);
        Map<String, List<String>> copy = new LinkedHashMap<>();
        readApis.forEach((region, apis) -> copy.put(region, List.copyOf(apis)));
        readApis = Collections.unmodifiableMap(copy);
        Objects.requireNonNull(producerToken, "producerToken");
        Objects.requireNonNull(tokens, "tokens");
        if (intakes.isEmpty() || readApis.isEmpty() || readApis.values().stream().anyMatch(List::isEmpty)) {
            throw new IllegalArgumentException("Invalid load: it needs an intake and a read API in every region; "
                    + "intakes " + intakes + ", read APIs " + readApis);
        }
        range("sessions", sessions, 1, 256);
        range("batch", batch, 1, 100);
        range("keys per session", keysPerSession, batch, 10_000);
    }

    static void range(String name, int value, int min, int max) {
        if (value < min || value > max) {
            throw new IllegalArgumentException("Invalid value " + value + " for " + name + ": use " + min + " to "
                    + max + ".");
        }
    }

    /** The region the {@code n}-th operation of a session reads from: each in turn. */
    String regionOf(int n) {
        List<String> regions = new ArrayList<>(readApis.keySet());
        return regions.get(Math.floorMod(n, regions.size()));
    }
}
