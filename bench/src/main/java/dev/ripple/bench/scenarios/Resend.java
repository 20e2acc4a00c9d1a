package dev.ripple.bench.scenarios;

import java.io.IOException;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * How the HTTP baselines send to the local sink: a request that failed on the wire (no answer within its timeout,
 * or a kept-alive connection the JDK {@code HttpServer} closed under it: "header parser received no bytes") is sent
 * again at once, on a fresh connection, as Ripple's own targets retry; the sink counts a duplicate if the first had
 * arrived. Thread-safe.
 */
final class Resend {
    static final int ATTEMPTS = 20;
    private static final Logger log = LoggerFactory.getLogger(Resend.class);

    private Resend() {}

    /**
     * The status of {@code request}'s answer.
     *
     * @throws IOException when all {@value #ATTEMPTS} attempts failed on the wire
     */
    static int send(HttpClient client, HttpRequest request) throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            try {
                return client.send(request, HttpResponse.BodyHandlers.discarding()).statusCode();
            } catch (IOException e) {
                if (attempt == ATTEMPTS) {
                    throw e;
                }
                log.warn("{} {} failed ({}); sending it again", request.method(), request.uri(), e.toString());
            }
        }
    }
}
