package dev.ripple.cachepurger;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import org.junit.jupiter.api.Test;

class CacheNodesTest {

    @Test
    void shouldSendTheUrlsPathAndQueryToTheNodesAddress() {
        assertThat(CacheNodes.requestUri(URI.create("http://cp1001:3128"),
                URI.create("https://en.example.org/wiki/Main%20Page?action=raw")))
                .isEqualTo(URI.create("http://cp1001:3128/wiki/Main%20Page?action=raw"));
        assertThat(CacheNodes.requestUri(URI.create("http://cp1001/purge/"), URI.create("https://en.example.org")))
                .isEqualTo(URI.create("http://cp1001/purge/"));
    }
}
