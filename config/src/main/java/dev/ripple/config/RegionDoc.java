package dev.ripple.config;

import java.net.URI;
import java.util.List;

/**
 * A region that serves replicas and caches ({@code /ripple/regions/<name>}).
 *
 * @param name region name, e.g. {@code eqiad}
 * @param description free text, or null
 * @param redisUri the region's Redis replica store ({@code redis://} or {@code rediss://}), or null for the
 *     process default (as in {@code ripple up})
 * @param httpReplicas HTTP replica targets the applier PUTs records to (DESIGN.md 7); empty for none
 */
public record RegionDoc(String name, String description, URI redisUri, List<URI> httpReplicas)
        implements ConfigDocument {

    public RegionDoc {
        httpReplicas = Validation.copyOrEmpty(httpReplicas);
        Validation v = new Validation();
        v.topicName(name, "name");
        v.uri(redisUri, "redis_uri", "redis", "rediss");
        v.uris(httpReplicas, "http_replicas", "http", "https");
        v.throwIfAny();
    }

    /** A region with only a name. */
    public static RegionDoc of(String name) {
        return new RegionDoc(name, null, null, null);
    }

    @Override
    public DocumentKind kind() {
        return DocumentKind.REGION;
    }

    @Override
    public String key() {
        return ConfigKeys.region(name);
    }
}
