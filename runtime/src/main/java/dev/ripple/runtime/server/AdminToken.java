package dev.ripple.runtime.server;

import dev.ripple.events.ProblemDetail;
import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.URI;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.Locale;
import java.util.Set;
import java.util.TreeSet;

/**
 * The one guard of every mutating ops endpoint (config writes, DLQ replay). A request may mutate when:
 * <ol>
 *   <li>a token is configured ({@code --admin-token} or {@code RIPPLE_ADMIN_TOKEN}) and it sends
 *       {@code Authorization: Bearer <token>} (the scheme in any case) — else 401; or no token is configured,
 *       {@code loopbackWithoutToken} is set ({@code ripple up}, bound to 127.0.0.1) and it comes from a loopback
 *       address to a loopback host name (no DNS rebinding) — else 403;</li>
 *   <li>it is not cross-origin: no {@code Origin} other than the server's own (an opaque {@code null} origin is
 *       refused), no {@code Sec-Fetch-Site: cross-site} or {@code same-site} — else 403;</li>
 *   <li>a body, and any request but a {@code DELETE}, is declared JSON or YAML ({@link #ACCEPTED_TYPES}):
 *       {@code text/plain}, form types and none are what a page can send without a CORS preflight — else 415.</li>
 * </ol>
 * Immutable and thread-safe; the token is never logged.
 */
public final class AdminToken {
    /** The environment variable holding the admin token, for servers and the CLI. */
    public static final String ENV = "RIPPLE_ADMIN_TOKEN";
    /** Media types a mutating request body may declare. */
    public static final Set<String> ACCEPTED_TYPES = Set.of("application/json", "application/yaml",
            "application/x-yaml", "text/yaml");

    private static final Set<String> LOOPBACK_HOSTS = Set.of("localhost", "127.0.0.1", "[::1]");

    private final byte[] token;
    private final boolean loopbackWithoutToken;

    private AdminToken(String token, boolean loopbackWithoutToken) {
        this.token = token == null || token.isBlank() ? null : token.getBytes(StandardCharsets.UTF_8);
        this.loopbackWithoutToken = loopbackWithoutToken;
    }

    /** Requires {@code token}; with a null or blank token every mutating request is refused. */
    public static AdminToken required(String token) {
        return new AdminToken(token, false);
    }

    /** Requires {@code token} if given, else accepts same-origin JSON requests from loopback ({@code ripple up}). */
    public static AdminToken orLoopback(String token) {
        return new AdminToken(token, true);
    }

    /** Whether a token is configured. */
    public boolean isSet() {
        return token != null;
    }

    /** Whether the request carries the configured token (false when none is configured). */
    public boolean presented(Context ctx) {
        String given = bearer(ctx.header("Authorization"));
        return token != null && given != null && MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8));
    }

    /** Null if the request may mutate, else why not (401, 403 or 415). */
    public Refusal check(Context ctx) {
        if (token != null) {
            if (!presented(ctx)) {
                return new Refusal(401, "unauthorized", "An admin token is required: send Authorization: Bearer "
                        + "<token> (the ripple CLI's --admin-token, or " + ENV + ").");
            }
        } else if (!loopbackWithoutToken) {
            return new Refusal(403, "forbidden", "This server has no admin token, so it accepts no changes: start it "
                    + "with --admin-token or " + ENV + ".");
        } else if (!fromLoopback(ctx) || !LOOPBACK_HOSTS.contains(hostName(ctx.header("Host")))) {
            return new Refusal(403, "forbidden", "Without an admin token, changes are accepted from this machine "
                    + "only, addressed to localhost or 127.0.0.1; set " + ENV + " on the server to allow others.");
        }
        Refusal crossOrigin = crossOrigin(ctx);
        return crossOrigin != null ? crossOrigin : contentType(ctx);
    }

    /**
     * The guard as route code uses it: true if the request may mutate; else answers the refusal as an RFC 9457
     * problem ({@code application/problem+json}) and returns false.
     */
    public boolean allow(Context ctx) {
        Refusal refusal = check(ctx);
        if (refusal == null) {
            return true;
        }
        if (refusal.status() == 401) {
            ctx.header("WWW-Authenticate", "Bearer realm=\"ripple-admin\"");
        }
        Problems.send(ctx, ProblemDetail.of(refusal.status(), refusal.type(), refusal.title(), refusal.detail()));
        return false;
    }

    /** Why a request was refused: HTTP status, problem type and detail. */
    public record Refusal(int status, String type, String detail) {
        /** The problem's title for the status. */
        public String title() {
            return switch (status) {
                case 401 -> "Unauthorized";
                case 415 -> "Unsupported Media Type";
                default -> "Forbidden";
            };
        }
    }

    private static Refusal crossOrigin(Context ctx) {
        String site = ctx.header("Sec-Fetch-Site");
        if (site != null && !site.equalsIgnoreCase("same-origin") && !site.equalsIgnoreCase("none")) {
            return new Refusal(403, "cross-origin", "Changes are not accepted from another site (Sec-Fetch-Site: "
                    + site + "): use the ripple CLI or a same-origin client.");
        }
        String origin = ctx.header("Origin");
        if (origin != null && !sameOrigin(origin, ctx.header("Host"))) {
            return new Refusal(403, "cross-origin", "Changes are not accepted from another origin (" + printable(origin)
                    + "): use the ripple CLI or a same-origin client.");
        }
        return null;
    }

    private static Refusal contentType(Context ctx) {
        // a POST or PUT is typed even when empty: a page may POST with no body and no preflight
        boolean hasBody = ctx.req().getContentLengthLong() > 0 || ctx.header("Transfer-Encoding") != null
                || !"DELETE".equalsIgnoreCase(ctx.method().name());
        String type = ctx.header("Content-Type");
        if (!hasBody && type == null) {
            return null;
        }
        String media = type == null ? "" : type.split(";", 2)[0].trim().toLowerCase(Locale.ROOT);
        if (!ACCEPTED_TYPES.contains(media)) {
            return new Refusal(415, "unsupported-media-type", "A change must be sent as "
                    + String.join(", ", new TreeSet<>(ACCEPTED_TYPES)) + ", not "
                    + (type == null ? "without a Content-Type" : printable(type)) + ".");
        }
        return null;
    }

    private static boolean sameOrigin(String origin, String host) {
        if (host == null) {
            return false;
        }
        try {
            URI uri = URI.create(origin.trim());
            String scheme = uri.getScheme();
            if (uri.getHost() == null || !"http".equalsIgnoreCase(scheme) && !"https".equalsIgnoreCase(scheme)) {
                return false;
            }
            String authority = uri.getHost() + (uri.getPort() < 0 ? "" : ":" + uri.getPort());
            return authority.equalsIgnoreCase(host.trim())
                    || uri.getPort() < 0 && (uri.getHost() + ":" + ("https".equalsIgnoreCase(scheme) ? 443 : 80))
                            .equalsIgnoreCase(host.trim());
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static String hostName(String host) {
        if (host == null) {
            return "";
        }
        String h = host.trim().toLowerCase(Locale.ROOT);
        int colon = h.lastIndexOf(':');
        return colon > h.lastIndexOf(']') ? h.substring(0, colon) : h;
    }

    private static String bearer(String header) {
        if (header == null || header.length() < 7 || !header.regionMatches(true, 0, "Bearer ", 0, 7)) {
            return null;
        }
        String given = header.substring(7).trim();
        return given.isEmpty() ? null : given;
    }

    private static boolean fromLoopback(Context ctx) {
        try {
            return InetAddress.getByName(ctx.req().getRemoteAddr()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    private static String printable(String value) {
        String cut = value.length() > 100 ? value.substring(0, 100) + "…" : value;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }

    @Override
    public String toString() {
        return token == null ? "AdminToken[none]" : "AdminToken[set]";
    }
}
