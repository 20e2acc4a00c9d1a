package dev.ripple.ops.server;

import io.javalin.http.Context;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;

/**
 * Guards mutating ops endpoints (DLQ replay): {@code Authorization: Bearer <token>} must match the token the
 * server was started with ({@code --admin-token} or {@code RIPPLE_ADMIN_TOKEN}). A server without a token accepts
 * requests from loopback addresses only when {@code loopbackWithoutToken} is set (as {@code ripple up}, which
 * binds to 127.0.0.1), and refuses every mutating request otherwise. Immutable; the token is never logged.
 */
public final class AdminToken {
    /** The environment variable holding the admin token, for servers and the CLI. */
    public static final String ENV = "RIPPLE_ADMIN_TOKEN";

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

    /** Requires {@code token} if given, else accepts loopback callers ({@code ripple up}). */
    public static AdminToken orLoopback(String token) {
        return new AdminToken(token, true);
    }

    /** Null if the request may mutate, else the problem to answer with (401 or 403). */
    public Refusal check(Context ctx) {
        if (token == null) {
            return loopbackWithoutToken && fromLoopback(ctx) ? null : new Refusal(403, "This server has no admin "
                    + "token: start it with --admin-token or " + ENV + " to allow DLQ replays.");
        }
        String header = ctx.header("Authorization");
        String given = header != null && header.startsWith("Bearer ") ? header.substring(7).trim() : null;
        if (given == null || !MessageDigest.isEqual(token, given.getBytes(StandardCharsets.UTF_8))) {
            return new Refusal(401, "An admin token is required: send Authorization: Bearer <token> (ripple dlq "
                    + "replay --admin-token, or " + ENV + ").");
        }
        return null;
    }

    /** Why a request was refused: HTTP status and detail. */
    public record Refusal(int status, String detail) {}

    private static boolean fromLoopback(Context ctx) {
        try {
            return InetAddress.getByName(ctx.req().getRemoteAddr()).isLoopbackAddress();
        } catch (UnknownHostException e) {
            return false;
        }
    }

    @Override
    public String toString() {
        return token == null ? "AdminToken[none]" : "AdminToken[set]";
    }
}
