package dev.ripple.replica;

import dev.ripple.consistency.SessionTokenCodec;
import dev.ripple.replica.internal.ReadRoutes;
import io.javalin.config.JavalinConfig;
import io.micrometer.core.instrument.binder.MeterBinder;
import java.time.Clock;
import java.util.Map;
import java.util.function.Consumer;

/**
 * The read API (DESIGN.md 6.1), as routes for any Javalin server ({@code ripple up} mounts them on its own):
 * <ul>
 *   <li>{@code GET /v1/regions/{region}/objects/{key}} (the key may contain {@code /}) with optional headers
 *       {@code Ripple-Session-Token}, {@code Ripple-Max-Staleness: ms=<T>, versions=<K>} and
 *       {@code Ripple-On-Violation: wait=<ms> | redirect | refuse} (default {@code wait=200}, at most
 *       {@link ReadApiConfig#maxWait()}). A read is served when the region's applied position covers the session
 *       and meets the staleness bound: {@code 200} with the body, {@code ETag: "<revision>/<dot>"},
 *       {@code Ripple-Session-Token} (merged), {@code Ripple-Applied-Position}, {@code Ripple-Staleness-Ms},
 *       {@code Ripple-Served-By: <region>; waited=<ms>}. Otherwise: {@code wait} waits until the position covers it
 *       (woken by the position update itself, no polling) and then serves, or answers 409 when the wait is over;
 *       {@code redirect} answers 409 at once with {@code Ripple-Redirect-Region} naming a region that covers it when
 *       one is known; {@code refuse} answers 409 at once and names no other region. 409 problems are
 *       {@code session-not-available} or {@code staleness-bound-exceeded}, with {@code Retry-After}. {@code 400}
 *       for a malformed, forged or foreign token or header, {@code 410} for a token of an older epoch, {@code 404}
 *       for an unknown region or a key that is absent, deleted (tombstone) or invalidated with no body held,
 *       {@code 503} when the store cannot answer. An invalidated key whose stale body is still held is served with
 *       a weak ETag and {@code Ripple-Invalidated: <dot>}.</li>
 *   <li>{@code GET /v1/regions/{region}/position}: the region's applied position, read from its store, as on
 *       {@code ripple.positions}.</li>
 * </ul>
 * Problems are RFC 9457 {@code application/problem+json} with {@code type}, {@code title}, {@code status},
 * {@code detail}. Conits with {@code gate-reads} are enforced through the {@link ReadGate}: a region past a
 * conit's bounds answers 409 {@code staleness-bound-exceeded} (or waits, or redirects), one whose conit status is
 * unknown 503 {@code conit-status-unknown} (DESIGN.md 6.2).
 *
 * <p>Thread-safe; handlers never block a server thread.
 */
public final class ReadApi {
    private final ReadRoutes routes;

    private ReadApi(ReadRoutes routes) {
        this.routes = routes;
    }

    /**
     * @param tokens verifies and signs session tokens (the producer's keyring)
     * @param stores the regions served here, by name
     * @param positions every region's position known here; the routes offer what they read from stores to it
     * @param clock for waits and staleness
     */
    public static ReadApi create(ReadApiConfig config, SessionTokenCodec tokens, Map<String, ReplicaStore> stores,
            RegionPositions positions, Clock clock) {
        return create(config, tokens, stores, positions, ReadGate.OPEN, clock);
    }

    /** As above, with reads also held by {@code gate} (conit {@code gate-reads} enforcement). */
    public static ReadApi create(ReadApiConfig config, SessionTokenCodec tokens, Map<String, ReplicaStore> stores,
            RegionPositions positions, ReadGate gate, Clock clock) {
        return new ReadApi(new ReadRoutes(config, tokens, stores, positions, gate, clock));
    }

    /** The routes, to add to a server's configuration. */
    public Consumer<JavalinConfig> routes() {
        return routes::install;
    }

    /** Meters of the read API (names in {@link ReplicaMetricNames}); bind them once. */
    public MeterBinder metrics() {
        return routes.metrics();
    }
}
