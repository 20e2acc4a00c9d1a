package dev.ripple.cli.up;

import com.fasterxml.jackson.annotation.JsonInclude;
import java.util.Objects;

/**
 * Where a running {@code ripple up} serves, as recorded in {@code up.json}.
 *
 * @param http base URL of the HTTP APIs, e.g. {@code http://127.0.0.1:8080}
 * @param kafka bootstrap servers of its broker
 * @param redis Redis URI
 * @param etcd etcd endpoint, or null when the config store is in memory
 * @param pid process id of the {@code ripple up} JVM
 */
@JsonInclude(JsonInclude.Include.ALWAYS)
public record UpEndpoints(String http, String kafka, String redis, String etcd, long pid) {
    public UpEndpoints {
        Objects.requireNonNull(http, "http");
        Objects.requireNonNull(kafka, "kafka");
        Objects.requireNonNull(redis, "redis");
        if (pid <= 0) {
            throw new IllegalArgumentException("pid must be positive, was " + pid);
        }
    }
}
