package dev.ripple.runtime.http;

import dev.ripple.runtime.http.internal.ApacheHttpSender;
import java.net.URI;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * The blocking HTTP sender every HTTP target uses (Apache HttpClient 5, classic): each node has
 * {@code connectionsPerNode} sender threads, each sending one request at a time on a persistent HTTP/1.1
 * connection from a pool of that many per node, so a node never has more connections or requests in flight than
 * that; requests beyond wait in the node's queue (bound it with a {@link Guard}'s bulkhead). No automatic retries,
 * redirects or cookies: the {@link Guard} retries. Thread-safe.
 *
 * <p>The sender reads and writes its connection itself: the JDK client, even called blocking, hands every
 * exchange between its selector and executor threads, which cost more CPU than the work on a busy machine.
 */
public interface HttpSender extends AutoCloseable {
    /**
     * @param name in thread names
     * @param timeout connect, request and response timeout of one call
     * @param connectionsPerNode sender threads and connections per node, at least 1
     * @param nodes every node (scheme, host, port and optional path prefix) a request may be sent to
     */
    static HttpSender create(String name, Duration timeout, int connectionsPerNode, Collection<URI> nodes) {
        return new ApacheHttpSender(name, timeout, connectionsPerNode, nodes);
    }

    /**
     * Sends {@code request} on one of {@code node}'s threads.
     *
     * @param node one of the nodes given at creation
     * @return the response status (the body is read and dropped); failed with the {@link java.io.IOException} of a
     *     call that got no answer (refused, reset, timed out)
     * @throws IllegalArgumentException for a node not given at creation
     */
    CompletableFuture<Integer> send(URI node, Request request);

    /** Whether every sender thread of {@code node} is busy, so a request sent now waits in its queue. */
    boolean saturated(URI node);

    /** Stops the sender threads and closes the connections; requests in flight fail. */
    @Override
    void close();

    /**
     * One request.
     *
     * @param method HTTP method
     * @param uri the full request URI
     * @param headers header values by name
     * @param body the body, or null for none
     * @param contentType the body's content type, or null
     */
    record Request(String method, URI uri, Map<String, String> headers, byte[] body, String contentType) {
        public Request {
            Objects.requireNonNull(method, "method");
            Objects.requireNonNull(uri, "uri");
            headers = Map.copyOf(headers);
        }
    }
}
