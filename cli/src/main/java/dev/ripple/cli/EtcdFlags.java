package dev.ripple.cli;

import dev.ripple.config.EtcdOptions;
import java.nio.file.Path;
import java.time.Duration;
import picocli.CommandLine.Option;

/**
 * The etcd options every command that talks to etcd shares (a picocli mixin's fields): endpoints, auth, TLS and the
 * deployment's namespace, each with its environment variable. The client key's option is the subclass's:
 * {@code --key} in {@link EtcdConnection}, {@code --etcd-key} alone where {@code --key} names a resource key.
 */
public abstract class EtcdFlags {
    @Option(names = "--etcd", paramLabel = "URLS", defaultValue = "${env:RIPPLE_ETCD}",
            description = "etcd endpoints, comma-separated (env RIPPLE_ETCD).")
    String endpoints;

    @Option(names = "--user", defaultValue = "${env:RIPPLE_ETCD_USER}",
            description = "etcd user (env RIPPLE_ETCD_USER).")
    String user;

    @Option(names = "--password", defaultValue = "${env:RIPPLE_ETCD_PASSWORD}",
            description = "etcd password (env RIPPLE_ETCD_PASSWORD; prefer it: arguments show in ps).")
    String password;

    @Option(names = "--cacert", paramLabel = "FILE", description = "PEM CA certificate for https:// endpoints.")
    Path caCert;

    @Option(names = "--cert", paramLabel = "FILE", description = "PEM client certificate for mutual TLS.")
    Path cert;

    @Option(names = "--namespace", defaultValue = "${env:RIPPLE_ETCD_NAMESPACE}",
            description = "Key prefix of this deployment in a shared etcd (env RIPPLE_ETCD_NAMESPACE).")
    String namespace;

    /** The PEM PKCS#8 key of {@code --cert}, or null. */
    protected abstract Path clientKey();

    /** Whether {@code --etcd} (or RIPPLE_ETCD) names any endpoint. */
    public boolean isSet() {
        return endpoints != null && !endpoints.isBlank();
    }

    /**
     * The etcd connection these options name.
     *
     * @throws CliException when {@code --etcd} is missing or an option is invalid
     */
    public EtcdOptions options() {
        if (!isSet()) {
            throw new CliException("No config store: pass --etcd http://HOST:2379 (or set RIPPLE_ETCD).");
        }
        try {
            return EtcdOptions.builder().endpoints(endpoints).auth(blankToNull(user), blankToNull(password))
                    .tls(caCert, cert, clientKey()).namespace(blankToNull(namespace))
                    .requestTimeout(Duration.ofSeconds(5)).build();
        } catch (IllegalArgumentException e) {
            throw new CliException(e.getMessage() + ".");
        }
    }

    private static String blankToNull(String value) {
        return value == null || value.isBlank() ? null : value;
    }
}
