package dev.ripple.bench.faults;

import dev.ripple.consistency.Dot;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * After the load stopped: every acknowledged write readable, at its version or a later one, from every read API of
 * every region, with the session token its write returned.
 */
final class Convergence {
    private Convergence() {}

    /**
     * Reads each key's last acknowledged write back from every read API until each serves it, or until
     * {@code timeout} has passed since the first read.
     *
     * @return the reads still not served at the deadline, as {@code <key> at <read API>}; empty when converged
     */
    static List<String> unreadable(Map<String, SessionLoad.Acked> acked, LoadConfig config, Duration timeout,
            Clock clock) throws InterruptedException {
        LoadClient client = new LoadClient(config);
        long deadline = clock.millis() + timeout.toMillis();
        List<String> missing = new ArrayList<>();
        for (Map.Entry<String, SessionLoad.Acked> write : acked.entrySet()) {
            for (Map.Entry<String, List<String>> region : config.readApis().entrySet()) {
                for (String base : region.getValue()) {
                    if (!served(client, base, region.getKey(), write.getKey(), write.getValue(), deadline, clock)) {
                        missing.add(write.getKey() + " at " + base);
                    }
                }
            }
        }
        return List.copyOf(missing);
    }

    private static boolean served(LoadClient client, String base, String region, String key, SessionLoad.Acked acked,
            long deadline, Clock clock) throws InterruptedException {
        return Waits.until(() -> {
            HttpResponse<String> read = client.readAt(base, region, key, acked.token(), "wait=1000");
            if (read == null || read.statusCode() != 200) {
                return false;
            }
            Dot served = LoadClient.etagDot(read);
            return served.equals(acked.dot()) || served.isNewerThan(acked.dot());
        }, Duration.ofMillis(200), Duration.ofMillis(deadline - clock.millis()), clock);
    }
}
