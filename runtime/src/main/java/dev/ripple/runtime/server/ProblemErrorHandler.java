package dev.ripple.runtime.server;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.ripple.events.ProblemDetail;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.handler.ErrorHandler;
import org.eclipse.jetty.util.Callback;

/**
 * Jetty's own refusals — a bad request line or URI (400), a body timeout (408), a body or URI too long (413,
 * 414), headers too large (431), an unknown HTTP version (505) — as RFC 9457 problem documents like every other
 * Ripple error, whatever the request's {@code Accept} and method.
 */
final class ProblemErrorHandler extends ErrorHandler {
    private static final ObjectMapper JSON = new ObjectMapper();

    @Override
    public boolean errorPageForMethod(String method) {
        return true;
    }

    @Override
    protected void generateResponse(Request request, Response response, int code, String message, Throwable cause,
            Callback callback) throws JsonProcessingException {
        int status = code >= 400 && code <= 599 ? code : 500;
        String title = HttpStatus.getMessage(status);
        ProblemDetail problem = ProblemDetail.of(status, slug(status), title, detail(status, message));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, ProblemDetail.CONTENT_TYPE);
        response.getHeaders().put("X-Content-Type-Options", "nosniff");
        response.write(true, ByteBuffer.wrap(JSON.writeValueAsString(problem).getBytes(StandardCharsets.UTF_8)),
                callback);
    }

    private static String slug(int status) {
        return switch (status) {
            case 400 -> "bad-request";
            case 404 -> "not-found";
            case 408 -> "request-timeout";
            case 413 -> "too-large";
            case 414 -> "uri-too-long";
            case 431 -> "headers-too-large";
            case 505 -> "http-version-not-supported";
            default -> status >= 500 ? "internal-error" : "http-" + status;
        };
    }

    private static String detail(int status, String message) {
        String said = message == null || message.isBlank() || message.equals(HttpStatus.getMessage(status)) ? ""
                : " (" + printable(message) + ")";
        return switch (status) {
            case 400 -> "The request is not valid HTTP" + said + "; fix the request line, URI or headers.";
            case 408 -> "The request did not arrive in time" + said + ".";
            case 413 -> "The request body is too large" + said + ".";
            case 414 -> "The request URI is too long" + said + "; keys and parameters have limits.";
            case 431 -> "The request headers are too large" + said + "; send fewer or shorter headers.";
            case 505 -> "Only HTTP/1.0 and HTTP/1.1 are served here" + said + ".";
            default -> "The server could not handle this request" + said + ".";
        };
    }

    private static String printable(String text) {
        String cut = text.length() > 200 ? text.substring(0, 200) + "…" : text;
        return cut.replaceAll("\\p{Cntrl}", "?");
    }
}
