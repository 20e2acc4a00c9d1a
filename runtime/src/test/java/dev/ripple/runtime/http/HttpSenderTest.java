package dev.ripple.runtime.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The blocking sender against a real local HTTP server (JDK {@code com.sun.net.httpserver}). */
class HttpSenderTest {
    private final List<String> received = new CopyOnWriteArrayList<>();
    private HttpServer server;
    private URI node;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
            received.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Ripple-Dot") + " "
                    + exchange.getRequestHeaders().getFirst("Content-Type") + " " + body);
            int status = exchange.getRequestURI().getPath().endsWith("/bad") ? 400 : 204;
            exchange.sendResponseHeaders(status, -1);
            exchange.close();
        });
        server.start();
        node = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void shouldSendTheRequestAndAnswerWithTheStatus() {
        try (HttpSender sender = HttpSender.create("test", Duration.ofSeconds(2), 2, List.of(node))) {
            // when a PUT with a body and a header is sent, then one to a path the server refuses
            int ok = sender.send(node, new HttpSender.Request("PUT", node.resolve("/replica/k1"),
                    Map.of("Ripple-Dot", "s:0@1"), "v1".getBytes(StandardCharsets.UTF_8), "text/plain")).join();
            int refused = sender.send(node, new HttpSender.Request("DELETE", node.resolve("/replica/bad"), Map.of(),
                    null, null)).join();

            // then the server saw both as sent, and the sender reports each status
            assertThat(ok).isEqualTo(204);
            assertThat(refused).isEqualTo(400);
            assertThat(received).hasSize(2);
            assertThat(received.get(0)).startsWith("PUT /replica/k1 s:0@1 text/plain").endsWith(" v1");
            assertThat(received.get(1)).startsWith("DELETE /replica/bad null");
        }
    }

    @Test
    void shouldFailWithTheConnectionFailureWhenNobodyListens() {
        // given a node whose server is gone
        server.stop(0);
        try (HttpSender sender = HttpSender.create("test", Duration.ofSeconds(2), 1, List.of(node))) {
            // then a send fails, and the failure is retriable
            assertThat(sender.send(node, new HttpSender.Request("GET", node.resolve("/"), Map.of(), null, null)))
                    .failsWithin(Duration.ofSeconds(5)).withThrowableThat()
                    .havingCause().isInstanceOf(IOException.class);
        }
    }
}
