package dev.ripple.cachepurger;

import java.net.URI;

/**
 * How an HTTP cache node is addressed for a URL it caches: the node's address (and path prefix) with the URL's path
 * and query, the URL's authority in {@code X-Forwarded-Host}. The purger's {@code PURGE} and the prober's
 * {@code GET} address a node the same way.
 */
public final class CacheNodes {
    /** The header carrying the cached URL's host and port. */
    public static final String FORWARDED_HOST = "X-Forwarded-Host";

    private CacheNodes() {}

    /** The request URI on {@code node} for {@code url}. */
    public static URI requestUri(URI node, URI url) {
        String base = node.toString().endsWith("/") ? node.toString().substring(0, node.toString().length() - 1)
                : node.toString();
        String path = url.getRawPath() == null || url.getRawPath().isEmpty() ? "/" : url.getRawPath();
        return URI.create(base + path + (url.getRawQuery() == null ? "" : "?" + url.getRawQuery()));
    }

    /** The {@link #FORWARDED_HOST} value for {@code url}: its authority, or empty. */
    public static String forwardedHost(URI url) {
        return url.getRawAuthority() == null ? "" : url.getRawAuthority();
    }
}
