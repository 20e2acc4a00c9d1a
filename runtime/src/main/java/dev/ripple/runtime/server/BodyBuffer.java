package dev.ripple.runtime.server;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.http.HttpHeaderValue;
import org.eclipse.jetty.http.HttpStatus;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;

/**
 * Reads a request's body before its handler runs, without holding a thread while the bytes trickle in: the
 * handlers (Javalin's, blocking) then find it whole in memory. A body slower than the minimum rate, or one that stops
 * until the idle timeout, is answered 408 and its connection closed; each such cut is counted. A body larger than the
 * buffer goes to its handler once the buffer is full, and the handler reads the rest itself. All bodies buffered at
 * once hold at most {@link HttpServerOptions#maxBufferedBytes()}; past it a body is answered 503.
 */
final class BodyBuffer extends Handler.Wrapper {
    /** The largest body whose array is allocated at its declared length before its bytes arrive. */
    private static final int PRESIZED_MAX = 8 * 1024;

    private final HttpServerOptions options;
    private final LongAdder slowCuts;
    private final LongAdder refusals;
    private final AtomicLong buffered;

    BodyBuffer(HttpServerOptions options, HttpMeters meters) {
        this.options = options;
        this.slowCuts = meters.slowRequests;
        this.refusals = meters.bufferRefusals;
        this.buffered = meters.bufferedBytes;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        long length = request.getHeaders().getLongField(HttpHeader.CONTENT_LENGTH);
        if (length <= 0 && !request.getHeaders().contains(HttpHeader.TRANSFER_ENCODING)) {
            return super.handle(request, response, callback);
        }
        new Loading(request, response, new Releasing(callback), length).run();
        return true;
    }

    /** One body being read; {@link #run()} reads what has arrived and asks to be called again when more does. */
    private final class Loading implements Runnable {
        private final Request request;
        private final Response response;
        private final Releasing callback;
        private final long startNanos = System.nanoTime();
        private byte[] body;
        private int size;

        /**
         * @param declared the Content-Length, or -1: a small body's array is sized by it, so it is filled, not grown
         *     and copied; a larger one grows as its bytes arrive (and are reserved), so that a client cannot make the
         *     server hold memory by declaring a length it never sends
         */
        Loading(Request request, Response response, Releasing callback, long declared) {
            this.request = request;
            this.response = response;
            this.callback = callback;
            this.body = new byte[declared > 0 && declared <= PRESIZED_MAX ? (int) declared : 1024];
        }

        @Override
        public void run() {
            while (true) {
                Content.Chunk chunk = request.read();
                if (chunk == null) {
                    request.demand(this);
                    return;
                }
                if (Content.Chunk.isFailure(chunk)) {
                    if (chunk.getFailure() instanceof TimeoutException) {
                        tooSlow("nothing arrived for " + options.idleTimeout().toMillis() + " ms");
                    } else {
                        callback.failed(chunk.getFailure());
                    }
                    return;
                }
                ByteBuffer bytes = chunk.getByteBuffer();
                if (!callback.reserve(bytes.remaining())) {
                    chunk.release();
                    refusals.increment();
                    response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
                    response.getHeaders().put(HttpHeader.RETRY_AFTER, "1");
                    Response.writeError(request, response, callback, HttpStatus.SERVICE_UNAVAILABLE_503, "Request "
                            + "bodies already take " + options.maxBufferedBytes() + " bytes here; retry in a second.");
                    return;
                }
                append(bytes);
                boolean last = chunk.isLast();
                chunk.release();
                long elapsed = System.nanoTime() - startNanos - HttpServerOptions.RATE_GRACE.toNanos();
                if (!last && elapsed > 0 && size < options.minRequestDataRate() * elapsed / 1_000_000_000L) {
                    tooSlow(size + " bytes arrived in " + (elapsed / 1_000_000 + HttpServerOptions.RATE_GRACE
                            .toMillis()) + " ms");
                    return;
                }
                if (last || size >= options.bufferedBodyBytes()) {
                    dispatch(last);
                    return;
                }
            }
        }

        private void append(ByteBuffer bytes) {
            int n = bytes.remaining();
            if (size + n > body.length) {
                body = Arrays.copyOf(body, Math.max(size + n, 2 * body.length));
            }
            bytes.get(body, size, n);
            size += n;
        }

        private void tooSlow(String what) {
            slowCuts.increment();
            response.getHeaders().put(HttpHeader.CONNECTION, HttpHeaderValue.CLOSE.asString());
            Response.writeError(request, response, callback, HttpStatus.REQUEST_TIMEOUT_408, "The request body came "
                    + "slower than " + options.minRequestDataRate() + " bytes/s (" + what + "); send it at once.");
        }

        private void dispatch(boolean whole) {
            Request buffered = new Request.Wrapper(request) {
                private Content.Chunk held = Content.Chunk.from(ByteBuffer.wrap(body, 0, size), whole);

                @Override
                public Content.Chunk read() {
                    Content.Chunk next = held;
                    held = null;
                    return next != null ? next : super.read();
                }
            };
            try {
                if (!getHandler().handle(buffered, response, callback)) {
                    Response.writeError(request, response, callback, HttpStatus.NOT_FOUND_404);
                }
            } catch (Throwable e) {
                Response.writeError(request, response, callback, e);
            }
        }
    }

    /** The request's callback, giving back the bytes its body reserved when the exchange completes. */
    private final class Releasing implements Callback {
        private final Callback callback;
        private long reserved;

        Releasing(Callback callback) {
            this.callback = callback;
        }

        /** Takes {@code bytes} from the budget; false, taking nothing, if that would pass it. */
        boolean reserve(long bytes) {
            if (buffered.addAndGet(bytes) > options.maxBufferedBytes()) {
                buffered.addAndGet(-bytes);
                return false;
            }
            reserved += bytes;
            return true;
        }

        private void release() {
            buffered.addAndGet(-reserved);
            reserved = 0;
        }

        @Override
        public void succeeded() {
            release();
            callback.succeeded();
        }

        @Override
        public void failed(Throwable failure) {
            release();
            callback.failed(failure);
        }

        @Override
        public InvocationType getInvocationType() {
            return callback.getInvocationType();
        }
    }
}
