package dev.ripple.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Objects;

/**
 * How to reach etcd. Immutable; build with {@link #builder()} or {@link #of(String)}, change with {@link #mutate()}.
 *
 * @param endpoints one or more {@code http://} or {@code https://} client URLs
 * @param user etcd user, or null for no authentication (then {@code password} is null too)
 * @param password the user's password, or null; never printed by {@link #toString()}
 * @param caCert PEM file of the CA that signed etcd's certificate, or null for no TLS (https endpoints need it)
 * @param clientCert PEM client certificate for mutual TLS, or null (then {@code clientKey} is null too)
 * @param clientKey PEM PKCS#8 private key of {@code clientCert}, or null
 * @param namespace a prefix put before every key on the wire (e.g. {@code /prod-a}), so several Ripple
 *     deployments can share one etcd; null for none. Keys in the API never show it.
 * @param requestTimeout how long one request may take before {@link StoreUnavailableException}
 * @param maxTxnAttempts how many times a transaction runs before {@link TxnConflictException}
 */
public record EtcdOptions(List<URI> endpoints, String user, String password, Path caCert, Path clientCert,
        Path clientKey, String namespace, Duration requestTimeout, int maxTxnAttempts) {

    public EtcdOptions {
        endpoints = List.copyOf(Objects.requireNonNull(endpoints, "endpoints"));
        Objects.requireNonNull(requestTimeout, "requestTimeout");
        if (endpoints.isEmpty()) {
            throw new IllegalArgumentException("Invalid value [] for etcd endpoints: give at least one URL");
        }
        for (URI endpoint : endpoints) {
            String scheme = endpoint.getScheme();
            if (!"http".equals(scheme) && !"https".equals(scheme) || endpoint.getHost() == null) {
                throw new IllegalArgumentException("Invalid value " + endpoint + " for etcd endpoint: "
                        + "use http://host:port or https://host:port");
            }
            if ("https".equals(scheme) && caCert == null) {
                throw new IllegalArgumentException("Invalid value " + endpoint + " for etcd endpoint: https "
                        + "needs the CA certificate (caCert)");
            }
        }
        if ((user == null) != (password == null)) {
            throw new IllegalArgumentException("Invalid etcd credentials: give both user and password, or neither");
        }
        if ((clientCert == null) != (clientKey == null)) {
            throw new IllegalArgumentException("Invalid etcd TLS options: give both clientCert and clientKey, "
                    + "or neither");
        }
        if (namespace != null && (namespace.isEmpty() || namespace.endsWith("/"))) {
            throw new IllegalArgumentException("Invalid value '" + namespace + "' for etcd namespace: "
                    + "non-empty and not ending in '/', e.g. /prod-a");
        }
        if (requestTimeout.isNegative() || requestTimeout.isZero()) {
            throw new IllegalArgumentException("Invalid value " + requestTimeout + " for requestTimeout: "
                    + "must be positive");
        }
        if (maxTxnAttempts < 1 || maxTxnAttempts > 10_000) {
            throw new IllegalArgumentException("Invalid value " + maxTxnAttempts + " for maxTxnAttempts: "
                    + "must be 1 to 10000");
        }
    }

    /** Options for comma-separated endpoints, e.g. {@code http://10.0.0.1:2379,http://10.0.0.2:2379}. */
    public static EtcdOptions of(String endpoints) {
        return builder().endpoints(endpoints).build();
    }

    /** A builder with no endpoints, a 10 s request timeout and 100 transaction attempts. */
    public static Builder builder() {
        return new Builder();
    }

    /** A builder holding these options. */
    public Builder mutate() {
        Builder b = new Builder();
        b.endpoints = endpoints;
        b.user = user;
        b.password = password;
        b.caCert = caCert;
        b.clientCert = clientCert;
        b.clientKey = clientKey;
        b.namespace = namespace;
        b.requestTimeout = requestTimeout;
        b.maxTxnAttempts = maxTxnAttempts;
        return b;
    }

    /** Whether TLS is used. */
    public boolean tls() {
        return caCert != null;
    }

    @Override
    public String toString() {
        return "EtcdOptions[endpoints=" + endpoints + ", user=" + user + ", password=" + (password == null ? null
                : "****") + ", caCert=" + caCert + ", clientCert=" + clientCert + ", namespace=" + namespace
                + ", requestTimeout=" + requestTimeout + ", maxTxnAttempts=" + maxTxnAttempts + "]";
    }

    /** Builds {@link EtcdOptions}; not thread-safe. */
    public static final class Builder {
        private List<URI> endpoints = List.of();
        private String user;
        private String password;
        private Path caCert;
        private Path clientCert;
        private Path clientKey;
        private String namespace;
        private Duration requestTimeout = Duration.ofSeconds(10);
        private int maxTxnAttempts = 100;

        private Builder() {}

        /** Comma-separated URLs. */
        public Builder endpoints(String commaSeparated) {
            Objects.requireNonNull(commaSeparated, "endpoints");
            this.endpoints = Arrays.stream(commaSeparated.split(",")).map(String::trim).filter(s -> !s.isEmpty())
                    .map(URI::create).toList();
            return this;
        }

        public Builder endpoints(List<URI> endpoints) {
            this.endpoints = endpoints;
            return this;
        }

        /** User and password; both null for none. */
        public Builder auth(String user, String password) {
            this.user = user;
            this.password = password;
            return this;
        }

        /** TLS: the CA certificate, and for mutual TLS a client certificate and key (both null for none). */
        public Builder tls(Path caCert, Path clientCert, Path clientKey) {
            this.caCert = caCert;
            this.clientCert = clientCert;
            this.clientKey = clientKey;
            return this;
        }

        public Builder namespace(String namespace) {
            this.namespace = namespace;
            return this;
        }

        public Builder requestTimeout(Duration requestTimeout) {
            this.requestTimeout = requestTimeout;
            return this;
        }

        public Builder maxTxnAttempts(int maxTxnAttempts) {
            this.maxTxnAttempts = maxTxnAttempts;
            return this;
        }

        /** @throws IllegalArgumentException naming the invalid value */
        public EtcdOptions build() {
            return new EtcdOptions(endpoints, user, password, caCert, clientCert, clientKey, namespace,
                    requestTimeout, maxTxnAttempts);
        }
    }
}
