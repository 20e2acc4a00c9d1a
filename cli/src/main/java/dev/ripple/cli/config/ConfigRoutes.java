package dev.ripple.cli.config;

import dev.ripple.config.ConfigException;
import dev.ripple.config.ConfigStore;
import dev.ripple.config.ConfigView;
import dev.ripple.config.ConfigWrites;
import dev.ripple.config.Entry;
import dev.ripple.runtime.server.AdminToken;
import io.javalin.config.JavalinConfig;
import io.javalin.http.Context;
import io.javalin.http.Handler;
import java.time.Clock;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.Semaphore;
import java.util.function.Consumer;

/**
 * The config store over HTTP, JSON in and out, errors as RFC 9457 problem documents:
 *
 * <pre>
 * GET    /api/config/entries?prefix=/ripple/            list: {revision, entries: [{key, value, …}]}
 * DELETE /api/config/entries?prefix=P                   delete a prefix: {deleted}
 * GET    /api/config/entry?key=K                        one entry; ETag "mod revision"; 404 if absent
 * PUT    /api/config/entry?key=K   (body: YAML or JSON)  validated write; If-Match: "rev" to write only if unchanged
 * DELETE /api/config/entry?key=K                        delete a key; 404 if absent
 * POST   /api/config/import?sync=true (body: a file)     import, as 'ripple config import'
 * GET    /api/config/check                              what is invalid and what is dangling
 * GET    /api/config/watch?prefix=P&amp;from=R&amp;timeout_ms=T  long poll: {next, events}; 410 if compacted;
 *                                                       503 when {@value #MAX_WATCHES} polls wait already
 * </pre>
 *
 * Writes pass the {@link AdminToken} guard (the admin token when one is set, else same-origin JSON or YAML from
 * this machine). Producers' token hashes are redacted from reads without the admin token ({@link ProducerSecrets}).
 */
public final class ConfigRoutes {
    private static final long MAX_POLL_MS = 30_000;
    private static final int MAX_BODY_CHARS = 1024 * 1024;
    /** Long polls hold a request thread each: at most this many at once, so watchers cannot take them all. */
    static final int MAX_WATCHES = 32;

    private final StoreConfigClient store;
    private final AdminToken admin;
    private final Semaphore watches = new Semaphore(MAX_WATCHES);

    private ConfigRoutes(StoreConfigClient store, AdminToken admin) {
        this.store = store;
        this.admin = admin;
    }

    /**
     * The routes for {@code store}; {@code view}, if not null, answers {@code check} with what is in force;
     * {@code admin} guards every write and decides who reads producers' token hashes.
     */
    public static Consumer<JavalinConfig> routes(ConfigStore store, ConfigView view, Clock clock, AdminToken admin) {
        ConfigRoutes routes = new ConfigRoutes(new StoreConfigClient(store, view, clock, "this server", false),
                Objects.requireNonNull(admin, "admin"));
        return routes::install;
    }

    private void install(JavalinConfig config) {
        config.routes.get("/api/config/entries", handle(false, ctx -> {
            dev.ripple.config.Listing listing = store.list(param(ctx, "prefix", "/ripple/"));
            ctx.json(ConfigWire.listing(admin.presented(ctx) ? listing : new dev.ripple.config.Listing(
                    listing.revision(), listing.entries().stream().map(ProducerSecrets::redact).toList())));
        }));
        config.routes.delete("/api/config/entries", handle(true, ctx -> ctx.json(Map.of("deleted",
                store.deletePrefix(param(ctx, "prefix", null))))));
        config.routes.get("/api/config/entry", handle(false, this::getEntry));
        config.routes.put("/api/config/entry", handle(true, this::putEntry));
        config.routes.delete("/api/config/entry", handle(true, ctx -> {
            String key = param(ctx, "key", null);
            if (!store.delete(key)) {
                throw new HttpProblem(404, "key-not-found", "Not Found", "No key " + key + ".", key);
            }
            ctx.json(Map.of("deleted", key));
        }));
        config.routes.post("/api/config/import", handle(true, ctx -> ctx.json(ConfigWire.result(
                store.importFile(body(ctx), "true".equals(ctx.queryParam("sync")))))));
        config.routes.get("/api/config/check", handle(false, ctx -> ctx.json(ConfigWire.report(store.check()))));
        config.routes.get("/api/config/watch", handle(false, this::watch));
    }

    private void getEntry(Context ctx) {
        String key = param(ctx, "key", null);
        Optional<Entry> entry = store.get(key);
        if (entry.isEmpty()) {
            throw new HttpProblem(404, "key-not-found", "Not Found", "No key " + key + ".", key);
        }
        ctx.header("ETag", "\"" + entry.get().modRevision() + "\"").json(ConfigWire.entry(admin.presented(ctx)
                ? entry.get() : ProducerSecrets.redact(entry.get())));
    }

    private void putEntry(Context ctx) {
        String key = param(ctx, "key", null);
        long expected = ConfigWrites.ANY_REVISION;
        String ifMatch = ctx.header("If-Match");
        if (ifMatch != null && !ifMatch.isBlank() && !"*".equals(ifMatch.trim())) {
            try {
                expected = Long.parseLong(ifMatch.trim().replace("\"", ""));
            } catch (NumberFormatException e) {
                throw new HttpProblem(400, "bad-request", "Bad Request", "If-Match must be a revision in quotes, "
                        + "e.g. \"42\".", key);
            }
        }
        if ("*".equals(ctx.header("If-None-Match"))) {
            expected = 0;
        }
        long revision = store.put(key, ProducerSecrets.restore(key, body(ctx), store.get(key)), expected);
        ctx.json(Map.of("key", key, "revision", revision));
    }

    private void watch(Context ctx) throws InterruptedException {
        String prefix = param(ctx, "prefix", "/ripple/");
        long from = longParam(ctx, "from", 0);
        long timeout = Math.min(MAX_POLL_MS, Math.max(0, longParam(ctx, "timeout_ms", 25_000)));
        if (!watches.tryAcquire()) {
            ctx.header("Retry-After", "1");
            throw new HttpProblem(503, "too-many-watches", "Service Unavailable", MAX_WATCHES + " watches are "
                    + "waiting already; retry in a second.", null);
        }
        StoreConfigClient.WatchPoll poll;
        try {
            poll = store.poll(prefix, from, timeout);
        } finally {
            watches.release();
        }
        if (poll.compactRevision() > 0) {
            throw new HttpProblem(410, "compacted", "Gone", StoreConfigClient.compacted(poll.compactRevision())
                    .getMessage(), null).with("compact_revision", poll.compactRevision());
        }
        boolean secrets = admin.presented(ctx);
        ctx.json(Map.of("next", poll.next(), "events", poll.events().stream()
                .map(e -> ConfigWire.event(secrets ? e : ProducerSecrets.redact(e))).toList()));
    }

    private Handler handle(boolean mutating, Handler handler) {
        return ctx -> {
            try {
                if (mutating && !admin.allow(ctx)) {
                    return;
                }
                handler.handle(ctx);
            } catch (HttpProblem problem) {
                problem.write(ctx);
            } catch (ConfigException e) {
                HttpProblem.of(e).write(ctx);
            } catch (IllegalArgumentException e) {
                new HttpProblem(400, "bad-request", "Bad Request", e.getMessage(), null).write(ctx);
            }
        };
    }

    private static String param(Context ctx, String name, String fallback) {
        String value = ctx.queryParam(name);
        if (value == null || value.isBlank()) {
            if (fallback == null) {
                throw new IllegalArgumentException("The query parameter '" + name + "' is required.");
            }
            return fallback;
        }
        return value;
    }

    private static long longParam(Context ctx, String name, long fallback) {
        String value = ctx.queryParam(name);
        try {
            return value == null || value.isBlank() ? fallback : Long.parseLong(value);
        } catch (NumberFormatException e) {
            throw new IllegalArgumentException("The query parameter '" + name + "' must be a number, not '" + value
                    + "'.");
        }
    }

    private static String body(Context ctx) {
        String body = ctx.body();
        if (body.length() > MAX_BODY_CHARS) {
            throw new HttpProblem(413, "too-large", "Content Too Large", "A config body may have at most "
                    + MAX_BODY_CHARS + " characters.", null);
        }
        return body;
    }
}
