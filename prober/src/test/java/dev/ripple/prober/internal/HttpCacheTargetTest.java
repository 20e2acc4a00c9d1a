package dev.ripple.prober.internal;

import static org.assertj.core.api.Assertions.assertThat;

import com.sun.net.httpserver.HttpServer;
import dev.ripple.consistency.Dot;
import dev.ripple.events.Op;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * An HTTP cache node as the prober asks it: a small node that honours {@code only-if-cached} (as Squid and Traffic
 * Server do) by answering from its entries or with 504, stating each entry's {@code Age} and Ripple's {@code ETag}.
 */
class HttpCacheTargetTest {
    private record Entry(String etag, long ageSeconds) {}

    private final Map<String, Entry> cached = new ConcurrentHashMap<>();
    private final List<String> asked = new CopyOnWriteArrayList<>();
    private HttpServer node;

    @BeforeEach
    void start() throws Exception {
        node = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        node.createContext("/", exchange -> {
            asked.add(exchange.getRequestMethod() + " " + exchange.getRequestURI() + " "
                    + exchange.getRequestHeaders().getFirst("Cache-Control") + " "
                    + exchange.getRequestHeaders().getFirst("X-Forwarded-Host"));
            Entry entry = cached.get(exchange.getRequestURI().getPath());
            if (entry == null) {
                exchange.sendResponseHeaders(504, -1);
            } else {
                if (entry.etag() != null) {
                    exchange.getResponseHeaders().add("ETag", entry.etag());
                }
                exchange.getResponseHeaders().add("Age", Long.toString(entry.ageSeconds()));
                exchange.sendResponseHeaders(200, -1);
            }
            exchange.close();
        });
        node.start();
    }

    @AfterEach
    void stop() {
        node.stop(0);
    }

    private Check look(Instant writtenAt) {
        HttpCacheTarget target = new HttpCacheTarget(new Place("eqiad", "purge/varnish"), List.of(URI.create(
                "http://127.0.0.1:" + node.getAddress().getPort())), List.of(URI.create("https://en.example.org/wiki/A")),
                HttpClient.newHttpClient(), Duration.ofSeconds(5), Clock.systemUTC());
        return target.check(new SampledWrite("edits", "enwiki:A", Op.UPSERT, 5L, Dot.of("ripple.stream.edits", 0, 9),
                writtenAt)).join();
    }

    @Test
    void shouldAskOnlyFromTheCacheWithTheUrlsHostAndFindAnUncachedUrlServed() {
        assertThat(look(Instant.now()).consistent()).isTrue();
        assertThat(asked).containsExactly("GET /wiki/A only-if-cached en.example.org");
    }

    @Test
    void shouldCallAnEntryOfAnOlderRevisionAStaleFillAndANewerOneServed() {
        cached.put("/wiki/A", new Entry("\"4/ripple.stream.edits:0@8\"", 0));
        Check stale = look(Instant.now());
        assertThat(stale.verdict()).isEqualTo(Check.Verdict.INCONSISTENT);
        assertThat(stale.hop()).isEqualTo(Hop.CACHE_FILL);
        assertThat(stale.observed()).contains("revision 4");

        cached.put("/wiki/A", new Entry("W/\"5/ripple.stream.edits:0@9\"", 0));
        assertThat(look(Instant.now()).consistent()).isTrue();
    }

    @Test
    void shouldCallAnEntryWithoutRipplesEtagStoredBeforeTheWriteNotPurged() {
        cached.put("/wiki/A", new Entry(null, 120));
        Check stale = look(Instant.now().minusSeconds(10));
        assertThat(stale.hop()).isEqualTo(Hop.PURGER);

        cached.put("/wiki/A", new Entry(null, 2));
        assertThat(look(Instant.now().minusSeconds(10)).consistent()).isTrue();
    }

    @Test
    void shouldFailALookAtANodeThatDoesNotAnswer() {
        node.stop(0);
        Check failed = look(Instant.now());
        assertThat(failed.verdict()).isEqualTo(Check.Verdict.FAILED);
        assertThat(failed.hop()).isEqualTo(Hop.CACHE_READ);
    }
}
